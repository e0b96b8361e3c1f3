/**
 * The early-warning charts, drawn with ECharts on a canvas: the epidemic curve of a signal, the
 * baseline of a gate-screening jump, the weekly curves of the jurisdiction, a bubble map of recent
 * cases by area (longitude/latitude axes, no map file) and a gate's daily screening.
 *
 * LazyCharts imports this module alone, and only dynamically, so that ECharts stays in its own chunk:
 * import the charts through LazyCharts, never from their modules.
 */
import * as echarts from 'echarts/core';
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { MarkAreaComponent, MarkLineComponent } from 'echarts/components';
import { LabelLayout } from 'echarts/features';

// What the early-warning charts draw with beyond the parts the chart kit registers.
echarts.use([BarChart, LineChart, ScatterChart, MarkAreaComponent, MarkLineComponent, LabelLayout]);

export { COLORS } from '../app/charts/chartKit';
export { EpiCurve, type EpiCurveProps } from './EpiCurve';
export { GateJumpChart } from './GateJumpChart';
export { WeeklyCurve } from './WeeklyCurve';
export { BubbleMap, type Bubble, type MapPoint } from './BubbleMap';
export { ScreeningChart } from './ScreeningChart';
