/**
 * The early-warning charts, drawn with ECharts on a canvas: the epidemic curve of a signal, the
 * baseline of a gate-screening jump, the weekly curves of the jurisdiction, a bubble map of recent
 * cases by area (longitude/latitude axes, no map file) and a gate's daily screening.
 *
 * LazyCharts imports this module alone, and only dynamically, so that ECharts stays in its own chunk:
 * import the charts through LazyCharts, never from their modules.
 */
export { COLORS } from './chartKit';
export { EpiCurve, type EpiCurveProps } from './EpiCurve';
export { GateJumpChart } from './GateJumpChart';
export { WeeklyCurve } from './WeeklyCurve';
export { BubbleMap, type Bubble, type MapPoint } from './BubbleMap';
export { ScreeningChart } from './ScreeningChart';
