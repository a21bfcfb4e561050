import { t } from '../../i18n';
import type { MessageKey } from '../../i18n';
import { formatClock } from './format';
import type { Step } from './stages';

const MARKER: Record<Step['state'], string> = {
  done: '✓',
  current: '●',
  stuck: '!',
  upcoming: '',
  failed: '✕',
  skipped: '–',
  warning: '!',
};

/** The stages of one job left to right, the one it is at marked, with when each was reached. */
export function StageTimeline(props: { steps: Step[]; label: string }) {
  return (
    <ol className="activity-timeline" aria-label={props.label}>
      {props.steps.map((step) => {
        const live = step.state === 'current' || step.state === 'stuck';
        return (
          <li
            key={step.key}
            className={`activity-step activity-step--${step.state}`}
            aria-current={live ? 'step' : undefined}
          >
            <span className="activity-step__marker" aria-hidden="true">
              {MARKER[step.state]}
            </span>
            <span className="activity-step__label">{step.label}</span>
            <span className="visually-hidden">: {t(`activity.step.${step.state}` as MessageKey)}</span>
            <span className="activity-step__when muted">
              {step.percent !== null && live
                ? `${Math.round(step.percent)}%`
                : step.at
                  ? formatClock(step.at)
                  : ''}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
