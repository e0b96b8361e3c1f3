import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import type { Me } from '../api/types';
import type { IconName } from '../app/icons';
import { Stat } from '../app/ui';
import { useFormat } from '../i18n/format';
import { HomeHeader } from './widgets';

/** A figure at the top of a home page; `value` is undefined while it loads. */
export interface Figure {
  icon: IconName;
  label: string;
  value: number | string | undefined;
  hint?: string;
  to?: string;
  /** A longer value (a date) in a smaller size. */
  compact?: boolean;
}

/** The figures more than one role sees. */
export const FIGURES = {
  agreementsInForce: (t: TFunction, n: number | undefined): Figure => ({ icon: 'agreements', label: t('home.stat.agreementsInForce'), value: n, to: '/directory/agreements' }),
  facilities: (t: TFunction, n: number | undefined): Figure => ({ icon: 'facilities', label: t('home.stat.facilities'), value: n, to: '/directory/facilities' }),
  gates: (t: TFunction, n: number | undefined): Figure => ({ icon: 'gates', label: t('home.stat.gates'), value: n, to: '/directory/gates' }),
  auditEntries: (t: TFunction, n: number | undefined): Figure => ({ icon: 'audit', label: t('home.stat.auditEntries'), value: n, to: '/audit' }),
};

/** A role's home: the heading, the figures, then the role's cards. */
export function RoleHome({ me, figures, children }: { me: Me; figures?: readonly (Figure | null)[]; children: ReactNode }) {
  const f = useFormat();
  return (
    <>
      <HomeHeader me={me} />
      {figures ? (
        <div className="stats">
          {figures.map((x) =>
            x ? (
              <Stat
                key={x.label}
                icon={x.icon}
                label={x.label}
                value={x.value === undefined ? '…' : typeof x.value === 'number' ? f.number(x.value) : x.value}
                hint={x.hint}
                to={x.to}
                compact={x.compact}
              />
            ) : null,
          )}
        </div>
      ) : null}
      {children}
    </>
  );
}
