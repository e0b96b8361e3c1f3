import { lazy, Suspense, type ComponentProps } from 'react';
import { Loading } from '../app/ui';

// ECharts is large: load it only on the pages that draw a map.
const GateMapImpl = lazy(() => import('./GateMap'));

export function GateMap(props: ComponentProps<typeof GateMapImpl>) {
  return (
    <Suspense fallback={<div className={props.small ? 'gate-map small' : 'gate-map'}><Loading /></div>}>
      <GateMapImpl {...props} />
    </Suspense>
  );
}
