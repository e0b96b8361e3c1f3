import { lazy, Suspense, type ComponentProps } from 'react';
import { Loading } from '../app/ui';

// ECharts is large: load it only on the pages that draw a chart.
const Charts = {
  SignalCurve: lazy(() => import('./Charts').then((m) => ({ default: m.SignalCurve }))),
  TimelinessChart: lazy(() => import('./Charts').then((m) => ({ default: m.TimelinessChart }))),
};

const fallback = (
  <div className="chart">
    <Loading />
  </div>
);

export function SignalCurve(props: ComponentProps<typeof Charts.SignalCurve>) {
  return (
    <Suspense fallback={fallback}>
      <Charts.SignalCurve {...props} />
    </Suspense>
  );
}

export function TimelinessChart(props: ComponentProps<typeof Charts.TimelinessChart>) {
  return (
    <Suspense fallback={fallback}>
      <Charts.TimelinessChart {...props} />
    </Suspense>
  );
}
