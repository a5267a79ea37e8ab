import { createAll, initAll, Radios as GovukRadios } from '/assets/govuk-frontend.min.js';

/**
 * Radios that reveal a question. GOV.UK Frontend marks each such radio with aria-expanded, which
 * ARIA does not allow on a radio (alphagov/govuk-frontend#979), so assistive technology may ignore
 * or misreport it. These radios keep aria-controls (allowed on every role) and the reveal itself,
 * which follows its radio in reading order, and leave aria-expanded off.
 */
class Radios extends GovukRadios {
  syncConditionalRevealWithInputState($input) {
    super.syncConditionalRevealWithInputState($input);
    $input.removeAttribute('aria-expanded');
  }
}

createAll(Radios);
// Every other component as GOV.UK Frontend starts them; the radios above are started already.
initAll({
  onError(error, context) {
    if (context.component === GovukRadios && error.name === 'InitError') return;
    console.error(error);
  },
});
