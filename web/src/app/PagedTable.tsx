/**
 * The table of a list page: a card titled with the total, one row per record, a pager when there
 * is more than a page, and the loading, error and empty states. The filters above it are
 * `FilterSelect`s; `usePaging` holds the page and goes back to the first one when a filter changes.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { UseQueryResult } from '@tanstack/react-query';
import type { Page } from '../api/lists';
import { useFormat } from '../i18n/format';
import { Card, Empty, ErrorBox, Loading } from './ui';

export interface Column<T> {
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** The class of the column's cells (`nowrap`, `small`…). */
  className?: string;
}

/** `data-*` attributes (the browser tests find rows and tables by them). */
export type DataAttributes = Partial<Record<`data-${string}`, string>>;

export interface Paging {
  page: number;
  pageSize: number;
  setPage: (page: number) => void;
  /** The `limit` and `offset` of the page, for the list query. */
  window: { limit: number; offset: number };
  /** A setter that also goes back to the first page (for a filter). */
  resetting: <T>(set: (value: T) => void) => (value: T) => void;
}

export function usePaging(pageSize: number): Paging {
  const [page, setPage] = useState(0);
  return {
    page,
    pageSize,
    setPage,
    window: { limit: pageSize, offset: page * pageSize },
    resetting: (set) => (value) => {
      set(value);
      setPage(0);
    },
  };
}

/** Previous / next, with "21–40 of 75" unless `range` is off. */
export function Pager({ paging, total, range = true }: { paging: Paging; total: number; range?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { page, pageSize, setPage } = paging;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <div className="pager">
      {range ? (
        <span className="pager-info">{t('board.range', { from: f.number(page * pageSize + 1), to: f.number(Math.min(total, (page + 1) * pageSize)), total: f.number(total) })}</span>
      ) : null}
      <button type="button" className="btn btn-small" onClick={() => setPage(page - 1)} disabled={page === 0}>
        {t('board.previous')}
      </button>
      <button type="button" className="btn btn-small" onClick={() => setPage(page + 1)} disabled={page >= pages - 1}>
        {t('board.next')}
      </button>
    </div>
  );
}

export function PagedTable<T>({
  query,
  paging,
  title,
  columns,
  rowKey,
  rowData,
  testId,
  tableData,
  empty,
  range,
  idle,
}: {
  query: UseQueryResult<Page<T>>;
  paging: Paging;
  /** The card's title, from the total. */
  title: (total: number) => ReactNode;
  columns: readonly Column<T>[];
  rowKey: (row: T) => string;
  rowData?: (row: T) => DataAttributes;
  testId: string;
  tableData?: DataAttributes;
  /** What the card says when the page has no rows. */
  empty: ReactNode;
  /** Show "21–40 of 75" beside the pager (default on). */
  range?: boolean;
  /** The query is not asked (the filters are not valid): nothing, rather than a spinner. */
  idle?: boolean;
}) {
  if (query.isPending) return idle ? null : <Loading />;
  if (query.isError) return <ErrorBox error={query.error} onRetry={() => void query.refetch()} />;
  const { items, total } = query.data;
  return (
    <Card flush title={title(total)} actions={total > paging.pageSize ? <Pager paging={paging} total={total} range={range} /> : null}>
      {items.length ? (
        <div className="table-wrap">
          <table className="table" data-testid={testId} {...tableData}>
            <thead>
              <tr>
                {columns.map((c, i) => (
                  <th key={i}>{c.header}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {items.map((row) => (
                <tr key={rowKey(row)} {...rowData?.(row)}>
                  {columns.map((c, i) => (
                    <td key={i} className={c.className}>
                      {c.cell(row)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <Empty>{empty}</Empty>
      )}
    </Card>
  );
}

/** One filter of a list page: a labelled select whose first option is "all" (the empty value). */
export function FilterSelect<V extends string>({
  id,
  label,
  value,
  onChange,
  options = [],
  optionLabel = (v) => v,
  grow,
  children,
}: {
  id: string;
  label: string;
  value: V | '';
  onChange: (value: V | '') => void;
  options?: readonly V[];
  optionLabel?: (value: V) => ReactNode;
  /** The field takes the room left in the row. */
  grow?: boolean;
  /** More options after `options` (an optgroup, say). */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className={grow ? 'field grow' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as V | '')}>
        <option value="">{t('common.all')}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {optionLabel(o)}
          </option>
        ))}
        {children}
      </select>
    </div>
  );
}
