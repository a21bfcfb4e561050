/**
 * Files dropped anywhere on the window. While files are dragged over it the window shows a
 * full-window overlay saying what a drop does; a drop hands the files on (the web shell's page gets
 * File objects; in the desktop shell the preload has already turned the drop into tokens, which
 * arrive as the shell's files:dropped event). Escape or leaving the window hides the overlay.
 */
import { useEffect, useRef, useState } from 'react';
import { onDroppedFiles, shellHandlesDrops } from '../api/files';
import { t } from '../i18n';
import type { IncomingFiles } from '../screens/import/wizard-store';

const carriesFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');

export function DropZone(props: { onFiles: (files: IncomingFiles) => void }) {
  const [visible, setVisible] = useState(false);
  const depth = useRef(0);
  const onFiles = useRef(props.onFiles);
  useEffect(() => {
    onFiles.current = props.onFiles;
  });

  useEffect(() => {
    const desktop = shellHandlesDrops();
    const hide = () => {
      depth.current = 0;
      setVisible(false);
    };
    const onEnter = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      depth.current++;
      setVisible(true);
    };
    const onOver = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      // Allowing the drop is what lets a file be dropped anywhere instead of opening in the tab.
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      depth.current = Math.max(0, depth.current - 1);
      // relatedTarget is null when the pointer leaves the window.
      if (depth.current === 0 || e.relatedTarget === null) hide();
    };
    const onDrop = (e: DragEvent) => {
      hide();
      if (!carriesFiles(e) && !(e.dataTransfer?.files.length ?? 0)) return;
      e.preventDefault();
      // Desktop: the preload sends these files to main; they come back as files:dropped.
      if (desktop) return;
      const files = Array.from(e.dataTransfer?.files ?? []);
      if (files.length > 0) onFiles.current({ kind: 'web', files });
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') hide();
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    window.addEventListener('keydown', onKey);
    const offDesktop = desktop
      ? onDroppedFiles((choice) => onFiles.current({ kind: 'chosen', choice }))
      : () => undefined;
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
      window.removeEventListener('keydown', onKey);
      offDesktop();
    };
  }, []);

  if (!visible) return null;
  return (
    <div className="drop-overlay" role="status" aria-live="polite">
      <div className="drop-overlay__box">
        <div className="drop-overlay__icon" aria-hidden="true">
          ⤓
        </div>
        <p className="drop-overlay__title">{t('import.drop.title')}</p>
        <p className="drop-overlay__body">{t('import.drop.body')}</p>
      </div>
    </div>
  );
}
