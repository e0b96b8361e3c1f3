import { lazy, Suspense, type ComponentType } from 'react';
import { Loading } from '../app/ui';

// ECharts is large: load it only on the pages that draw a chart.
const load = () => import('./Charts');

function lazyChart<P extends object>(pick: (m: Awaited<ReturnType<typeof load>>) => ComponentType<P>, className: string) {
  const Impl = lazy(() => load().then((m) => ({ default: pick(m) })));
  return function LazyChart(props: P) {
    return (
      <Suspense
        fallback={
          <div className={className}>
            <Loading />
          </div>
        }
      >
        <Impl {...props} />
      </Suspense>
    );
  };
}

export const EpiCurve = lazyChart((m) => m.EpiCurve, 'chart chart-tall');
export const GateJumpChart = lazyChart((m) => m.GateJumpChart, 'chart');
export const WeeklyCurve = lazyChart((m) => m.WeeklyCurve, 'chart chart-small');
export const BubbleMap = lazyChart((m) => m.BubbleMap, 'chart chart-map');
export const ScreeningChart = lazyChart((m) => m.ScreeningChart, 'chart chart-small');

export type { Bubble, MapPoint } from './Charts';
