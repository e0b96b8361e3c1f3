import { useTranslation } from 'react-i18next';
import type { RiskLevel, SignalStatus } from '../api/signals';
import { enumLabel } from '../app/labels';
import { Badge } from '../app/ui';
import { RISK_TONE, STATUS_TONE } from './names';

export function StatusBadge({ status, testId }: { status: SignalStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span data-testid={testId} data-status={status}>
      <Badge tone={STATUS_TONE[status] ?? 'neutral'}>{enumLabel(t, 'signalStatus', status)}</Badge>
    </span>
  );
}

export function RiskBadge({ risk }: { risk: RiskLevel | null }) {
  const { t } = useTranslation();
  if (!risk) return <span className="faint">—</span>;
  return <Badge tone={RISK_TONE[risk] ?? 'neutral'}>{enumLabel(t, 'riskLevel', risk)}</Badge>;
}
