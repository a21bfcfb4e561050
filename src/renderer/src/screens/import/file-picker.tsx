/**
 * "Choose files…": an <input type=file> in the web shell (the page uploads what it gets), the
 * native open dialog in the desktop shell (which answers tokens). Either way the files go to the
 * wizard as a drop would.
 */
import { useRef, useState } from 'react';
import { openFileDialog, shellHandlesDrops } from '../../api/files';
import { t } from '../../i18n';
import { receiveFiles, setError } from './wizard-store';

const ACCEPT = '.csv,.tsv,.txt,.xlsx,.zip';
const ACCEPT_IMAGES = '.zip';

export function FilePicker(props: {
  label: string;
  role?: 'any' | 'images';
  primary?: boolean;
  /** Accessible name when the visible label needs context (e.g. "Replace the data file"). */
  ariaLabel?: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const role = props.role ?? 'any';
  const desktop = shellHandlesDrops();

  const pick = () => {
    if (!desktop) {
      input.current?.click();
      return;
    }
    setBusy(true);
    openFileDialog(role === 'images' ? t('import.files.pickImagesTitle') : t('import.files.pickTitle'))
      .then(
        (choice) => {
          if (choice.files.length > 0 || choice.rejected.length > 0)
            void receiveFiles({ kind: 'chosen', choice }, role);
        },
        (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
      )
      .finally(() => setBusy(false));
  };

  return (
    <>
      <button
        type="button"
        className={props.primary ? 'primary' : undefined}
        onClick={pick}
        disabled={busy}
        aria-label={props.ariaLabel}
      >
        {props.label}
      </button>
      {desktop ? null : (
        <input
          ref={input}
          type="file"
          className="visually-hidden"
          tabIndex={-1}
          aria-hidden="true"
          data-role={role}
          multiple={role !== 'images'}
          accept={role === 'images' ? ACCEPT_IMAGES : ACCEPT}
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []);
            e.target.value = '';
            if (files.length > 0) void receiveFiles({ kind: 'web', files }, role);
          }}
        />
      )}
    </>
  );
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return t('import.bytes.b', { n: bytes });
  if (bytes < 1024 * 1024) return t('import.bytes.kb', { n: Math.round(bytes / 102.4) / 10 });
  return t('import.bytes.mb', { n: Math.round(bytes / 104857.6) / 10 });
}
