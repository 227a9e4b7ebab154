import { useId } from 'react';

/**
 * A modal question before an action that cannot be undone (end the show, start a new show). Cancel has the focus, so
 * Enter or a stray click never confirms by accident. Test ids: `<testId>-dialog`, `<testId>-cancel`, `<testId>-confirm`.
 */
export function ConfirmDialog(props: {
  title: string;
  text: string;
  confirmLabel: string;
  cancelLabel: string;
  testId: string;
  onConfirm(): void;
  onCancel(): void;
}) {
  const titleId = useId();
  return (
    <div className="confirm-backdrop">
      <div className="confirm-dialog" role="alertdialog" aria-modal="true" aria-labelledby={titleId} data-testid={`${props.testId}-dialog`}>
        <h3 id={titleId}>{props.title}</h3>
        <p>{props.text}</p>
        <div className="confirm-buttons">
          <button type="button" autoFocus onClick={props.onCancel} data-testid={`${props.testId}-cancel`}>
            {props.cancelLabel}
          </button>
          <button type="button" className="confirm-danger" data-testid={`${props.testId}-confirm`} onClick={props.onConfirm}>
            {props.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
