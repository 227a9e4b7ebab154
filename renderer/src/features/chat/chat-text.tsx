import { memo, useMemo } from 'react';
import { tokenizeChatText } from '@shared/features/chat/domain/chat-text';

/**
 * Chat text as React text nodes (React escapes them) plus https links that ask before opening. Never HTML:
 * no dangerouslySetInnerHTML, no href built from chat (the link is a button that opens a confirmation).
 */
export const ChatText = memo(function ChatText(props: { text: string; onLink(url: string): void }) {
  const tokens = useMemo(() => tokenizeChatText(props.text), [props.text]);
  return (
    <span className="chat-text" data-testid="chat-text">
      {tokens.map((token, i) =>
        token.kind === 'link' && token.href ? (
          <button key={i} type="button" className="chat-link" data-testid="chat-link" onClick={() => props.onLink(token.href!)}>
            {token.text}
          </button>
        ) : (
          <span key={i}>{token.text}</span>
        ),
      )}
    </span>
  );
});
