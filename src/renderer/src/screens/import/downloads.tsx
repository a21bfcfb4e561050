/**
 * The errors file and the corrected file of a run, as CSV or XLSX. Web shell: core writes it and
 * the page downloads it by token; desktop shell: the save dialog first, then core writes it there.
 */
import { useState } from 'react';
import type { RunState } from '../../../../shared/validation';
import { api } from '../../api/client';
import { downloadExport, saveDialog, shellHandlesDrops } from '../../api/files';
import { t } from '../../i18n';

type What = 'errors' | 'corrected';
type Format = 'csv' | 'xlsx';

function stemOf(name: string): string {
  return name.replace(/\.[^.]+$/, '');
}

export function DownloadBar(props: { run: RunState; errorsOnly?: boolean }) {
  const { run } = props;
  const [format, setFormat] = useState<Format>('csv');
  const [busy, setBusy] = useState<What | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const issues = run.counts.error + run.counts.warning + run.counts.info;

  const download = async (what: What) => {
    setBusy(what);
    setMessage(null);
    try {
      const name = `${stemOf(run.fileName)}-${what}.${format}`;
      let target: string | null = null;
      if (shellHandlesDrops()) {
        target = await saveDialog(name, format);
        if (!target) return;
      }
      const result = await api.invoke('validation:export', {
        runId: run.runId,
        what,
        format,
        ...(target ? { target: { fileToken: target } } : {}),
      });
      if (result.download) await downloadExport(result.download, result.name);
      setMessage({
        ok: true,
        text:
          what === 'errors'
            ? t('import.download.savedErrors', { name: result.name, rows: result.rows })
            : t('import.download.savedCorrected', {
                name: result.name,
                rows: result.rows,
                fixed: result.fixed,
              }),
      });
    } catch (err) {
      setMessage({ ok: false, text: err instanceof Error ? err.message : String(err) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="iw-downloads" aria-label={t('import.download.label')}>
      <span className="iw-downloads__title">{t('import.download.title')}</span>
      <fieldset className="iw-format">
        <legend className="visually-hidden">{t('import.download.format')}</legend>
        {(['csv', 'xlsx'] as const).map((f) => (
          <label key={f} className="iw-format__option">
            <input
              type="radio"
              name={`iw-format-${run.runId}`}
              value={f}
              checked={format === f}
              onChange={() => setFormat(f)}
            />
            {f.toUpperCase()}
          </label>
        ))}
      </fieldset>
      <button type="button" disabled={busy !== null || issues === 0} onClick={() => void download('errors')}>
        {busy === 'errors' ? t('import.download.working') : t('import.download.errors')}
      </button>
      {props.errorsOnly ? null : (
        <button type="button" disabled={busy !== null} onClick={() => void download('corrected')}>
          {busy === 'corrected' ? t('import.download.working') : t('import.download.corrected')}
        </button>
      )}
      {message ? (
        <span
          className={message.ok ? 'iw-downloads__msg saved' : 'iw-downloads__msg error-text'}
          role="status"
        >
          {message.text}
        </span>
      ) : null}
    </section>
  );
}
