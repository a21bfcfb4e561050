/**
 * The Import screen: the import wizard (issue 7 item 4) over the validation channels, and the
 * history of validation runs and remote import jobs below it. Files arrive by a drop anywhere on
 * the window (components/drop-zone.tsx, wired in app.tsx) or the picker; the wizard's state lives
 * in import/wizard-store.ts so it survives a visit to another screen.
 */
import { Screen } from '../components/screen';
import { t } from '../i18n';
import type { MessageKey } from '../i18n';
import { CheckStep } from './import/check-step';
import { FilesStep, StartPanel, UploadProgress } from './import/files-step';
import { FinishStep } from './import/finish-step';
import { ImportHistory } from './import/history';
import { PreviewStep } from './import/preview-step';
import { useTarget } from './import/use-target';
import type { TargetMode } from './import/use-target';
import { resetWizard, setError, useWizard } from './import/wizard-store';
import type { WizardState } from './import/wizard-store';

type StepKey = 'files' | 'check' | 'report' | 'preview' | 'apply' | 'upload';

function stepsFor(mode: TargetMode): StepKey[] {
  if (mode === 'upload') return ['files', 'check', 'report', 'upload'];
  return ['files', 'check', 'report', 'preview', 'apply'];
}

function currentStep(w: WizardState, mode: TargetMode): StepKey {
  if (w.step === 'files') return 'files';
  if (w.step === 'check') return w.starting || !w.run || w.run.status === 'running' ? 'check' : 'report';
  if (w.step === 'preview') return 'preview';
  return mode === 'upload' ? 'upload' : 'apply';
}

function Stepper(props: { steps: StepKey[]; current: StepKey }) {
  const at = props.steps.indexOf(props.current);
  return (
    <ol className="iw-stepper" aria-label={t('import.stepper.label')}>
      {props.steps.map((s, i) => (
        <li
          key={s}
          className={`iw-stepper__step${i < at ? ' iw-stepper__step--done' : ''}${i === at ? ' iw-stepper__step--current' : ''}`}
          aria-current={i === at ? 'step' : undefined}
        >
          <span className="iw-stepper__n" aria-hidden="true">
            {i < at ? '✓' : i + 1}
          </span>
          <span className="iw-stepper__label">{t(`import.step.${s}` as MessageKey)}</span>
        </li>
      ))}
    </ol>
  );
}

function Notices() {
  const w = useWizard();
  return (
    <>
      {w.uploading ? <UploadProgress name={w.uploading.name} percent={w.uploading.percent} /> : null}
      {w.error ? (
        <div className="error-box iw-error" role="alert">
          <strong>{t('import.error.title')}</strong>
          <p>{w.error}</p>
          <button type="button" onClick={() => setError(null)}>
            {t('import.error.dismiss')}
          </button>
        </div>
      ) : null}
      {w.rejected.length > 0 ? (
        <div className="iw-hint iw-hint--warn" role="status">
          <strong>{t('import.files.leftOut')}</strong>
          <ul className="plain">
            {w.rejected.map((r, i) => (
              <li key={`${i}-${r.name}`}>
                <span className="mono">{r.name}</span>: {r.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}

export function ImportScreen(props: { onNavigate?: (area: 'changes' | 'activity') => void }) {
  const w = useWizard();
  const target = useTarget();
  const navigate = props.onNavigate ?? ((area: string) => void (window.location.hash = `#/${area}`));
  const active = w.data !== null || w.run !== null || w.starting;
  const steps = stepsFor(target.mode);
  const current = currentStep(w, target.mode);

  return (
    <Screen
      title={t('import.title')}
      subtitle={t('import.subtitle')}
      actions={
        active ? (
          <button type="button" onClick={resetWizard}>
            {t('import.newFile')}
          </button>
        ) : undefined
      }
    >
      <Notices />
      {active ? (
        <section className="iw" aria-label={t('import.wizard.label')}>
          <Stepper steps={steps} current={current} />
          <div className="iw__body">
            {w.step === 'files' ? <FilesStep /> : null}
            {w.step === 'check' ? <CheckStep onNavigate={navigate} /> : null}
            {w.step === 'preview' ? <PreviewStep /> : null}
            {w.step === 'finish' ? <FinishStep onNavigate={navigate} /> : null}
          </div>
        </section>
      ) : (
        <StartPanel />
      )}
      <ImportHistory />
    </Screen>
  );
}
