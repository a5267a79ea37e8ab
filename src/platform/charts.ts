/**
 * Charts for the partnership's pages: what a page hands over is data, a title and a description; the
 * drawing is a charting library's. Every chart is shown with the table behind it, so that nothing is
 * only in the picture.
 */

/** The table behind a chart: what a screen reader user, or anyone who wants the figures, reads. */
export interface ChartTable {
  caption: string;
  head: string[];
  rows: (string | number)[][];
}

/** One bar (or one point of a line): `series` splits bars into groups (an agency, a grade). */
export interface ChartDatum {
  label: string;
  value: number;
  series?: string;
}

export interface Chart {
  kind: 'bar' | 'stacked-bar' | 'line';
  title: string;
  /** The chart's text alternative: what it shows, in one or two sentences. */
  description: string;
  /** The axis the values are on ("Actions", "Per cent"). */
  valueTitle: string;
  data: ChartDatum[];
  table: ChartTable;
}

/** One section of the executive's page: a feature's accountability picture in brief. */
export interface ExecutivePanel {
  title: string;
  /** Where the detail is (the feature's own page). */
  href: string;
  /** Headline figures, each a short phrase ("4 open challenges", "2 overdue"). */
  headlines: string[];
  chart?: Chart;
}
