import type { ReactNode } from 'react';

export function EmptyState(props: { title: string; body: string; action?: ReactNode; icon?: string }) {
  return (
    <section className="empty-state" aria-label={props.title}>
      <div className="empty-state__icon" aria-hidden="true">
        {props.icon ?? '◇'}
      </div>
      <h2>{props.title}</h2>
      <p>{props.body}</p>
      {props.action ? <div className="empty-state__action">{props.action}</div> : null}
    </section>
  );
}
