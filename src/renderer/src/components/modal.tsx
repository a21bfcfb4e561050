/**
 * A modal on the native <dialog>: the browser traps focus, Escape closes it, the page behind is
 * inert, and focus returns to what opened it.
 */
import { useEffect, useId, useRef } from 'react';
import type { ReactNode } from 'react';
import { t } from '../i18n';

export function Modal(props: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** alertdialog for a question that needs an answer (a confirmation). */
  role?: 'dialog' | 'alertdialog';
  className?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { onClose } = props;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    // React's autoFocus runs before showModal, which would move focus again: mark it instead.
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      dialog.close();
      opener?.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={props.className ? `modal ${props.className}` : 'modal'}
      role={props.role}
      aria-labelledby={titleId}
      onCancel={(e) => {
        // Escape: React owns whether this is shown.
        e.preventDefault();
        onClose();
      }}
    >
      <header className="modal__header">
        <h2 id={titleId}>{props.title}</h2>
        <button type="button" className="modal__close" aria-label={t('modal.close')} onClick={onClose}>
          <span aria-hidden="true">×</span>
        </button>
      </header>
      {props.children}
    </dialog>
  );
}

/** A yes/no question before something that cannot be undone. */
export function ConfirmDialog(props: {
  title: string;
  body: string;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <Modal title={props.title} onClose={props.onCancel} role="alertdialog" className="modal--confirm">
      <p className="modal__body">{props.body}</p>
      {props.error ? (
        <p className="error-text" role="alert">
          {props.error}
        </p>
      ) : null}
      <div className="modal__actions">
        <button type="button" onClick={props.onCancel} data-autofocus>
          {t('modal.cancel')}
        </button>
        <button
          type="button"
          className={props.danger ? 'danger' : 'primary'}
          disabled={props.busy}
          onClick={props.onConfirm}
        >
          {props.confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
