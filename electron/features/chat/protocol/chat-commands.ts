import { z } from 'zod';
import { CHAT_KINDS, CHAT_LIMITS } from '../domain/chat';
import { CHAT_FILTER_LIMITS } from '../domain/chat-filter';
import { READ_ALOUD_RATES } from '../domain/read-aloud';
import { defineCommand } from '../../../core/protocol/command-spec';

const MODERATORS = ['anchor', 'producer', 'moderator'] as const;
const SHOW_RUNNERS = ['anchor', 'producer'] as const;
const messageKey = z.strictObject({ key: z.string().min(3, 'key is empty: use "platform:id"').max(CHAT_LIMITS.platformLength + CHAT_LIMITS.idLength + 1) });

/** Chat commands: moderation, filters, reading questions aloud, products for mention detection, the rehearsal simulator, catch-up. */
export const CHAT_COMMANDS = {
  'chat.hide': defineCommand({
    payload: messageKey,
    roles: MODERATORS,
    executor: 'hub',
    summary: 'Hide one chat message from every screen (and unpin it).',
  }),
  'chat.blockUser': defineCommand({
    payload: z.strictObject({
      platform: z.string().min(1).max(CHAT_LIMITS.platformLength),
      userId: z.string().min(1).max(CHAT_LIMITS.idLength),
      isBlocked: z.boolean().default(true),
    }),
    roles: MODERATORS,
    executor: 'hub',
    summary: "Block (or unblock) a viewer: hides their messages and drops new ones.",
  }),
  'chat.highlight': defineCommand({
    payload: messageKey.extend({ isHighlighted: z.boolean() }),
    roles: MODERATORS,
    executor: 'hub',
    summary: 'Highlight a message (or clear the highlight).',
  }),
  'chat.pin': defineCommand({
    payload: z.strictObject({ key: messageKey.shape.key.nullable() }),
    roles: MODERATORS,
    executor: 'hub',
    summary: 'Pin a message for the stream overlay, or unpin with null.',
  }),
  'chat.markAnswered': defineCommand({
    payload: messageKey.extend({ isAnswered: z.boolean() }),
    roles: MODERATORS,
    executor: 'hub',
    summary: 'Mark a buyer question answered (it leaves the questions lane with every viewer who asked the same) or not.',
  }),
  'chat.dismiss': defineCommand({
    payload: messageKey,
    roles: MODERATORS,
    executor: 'hub',
    summary: 'Take a question out of the questions lane without answering it (with every viewer who asked the same).',
  }),
  'chat.filters.set': defineCommand({
    payload: z.strictObject({
      terms: z
        .array(z.string().trim().min(1, 'a term is empty').max(CHAT_FILTER_LIMITS.termLength))
        .max(CHAT_FILTER_LIMITS.terms, `at most ${CHAT_FILTER_LIMITS.terms} terms`),
      useSharedList: z.boolean(),
    }),
    roles: MODERATORS,
    executor: 'hub',
    summary: 'Set the keyword filter: messages with a term are held back from every screen (applies to new messages).',
  }),
  'chat.readAloud.set': defineCommand({
    payload: z.strictObject({
      enabled: z.boolean(),
      rate: z.number().min(READ_ALOUD_RATES.min, `the pace is at least ${READ_ALOUD_RATES.min}`).max(READ_ALOUD_RATES.max, `the pace is at most ${READ_ALOUD_RATES.max}`),
    }),
    roles: SHOW_RUNNERS,
    executor: 'hub',
    summary: "Read new buyer questions aloud in the anchor's window (on or off, and the pace), for the whole studio.",
  }),
  'chat.products.set': defineCommand({
    payload: z.strictObject({
      products: z
        .array(
          z.strictObject({
            id: z.string().min(1).max(64),
            title: z.string().trim().min(1, 'title is empty').max(120),
            aliases: z.array(z.string().trim().min(1).max(60)).max(20).default([]),
          }),
        )
        .max(2000),
    }),
    roles: SHOW_RUNNERS,
    executor: 'hub',
    summary: 'Set the products chat mentions are matched against (until the catalog feature supplies them).',
  }),
  'chat.simulator.start': defineCommand({
    payload: z.strictObject({
      ratePerSecond: z.number().min(0.1, 'rate is under 0.1 msg/s').max(5000, 'rate is over 5000 msg/s'),
      zhShare: z.number().min(0).max(1),
      questionShare: z.number().min(0).max(1),
      mentionShare: z.number().min(0).max(1),
      burst: z
        .strictObject({
          everySeconds: z.number().min(1).max(3600),
          seconds: z.number().min(0.1).max(3600),
          multiplier: z.number().min(1).max(100),
        })
        .nullable(),
    }),
    roles: SHOW_RUNNERS,
    executor: 'hub',
    summary: 'Start (or retune) the rehearsal chat simulator; it posts through the signed ingest endpoint.',
  }),
  'chat.simulator.stop': defineCommand({
    payload: z.strictObject({}),
    roles: SHOW_RUNNERS,
    executor: 'hub',
    summary: 'Stop the rehearsal chat simulator.',
  }),
  'chat.ingestInfo': defineCommand({
    payload: z.strictObject({}),
    roles: ['anchor'],
    executor: 'hub',
    summary: "Returns the ingest endpoint and secret for platform bridges (anchor only; never broadcast).",
  }),
  'chat.sync': defineCommand({
    payload: z.strictObject({ afterSeq: z.number().int().min(0) }),
    roles: ['anchor', 'producer', 'moderator', 'viewer'],
    executor: 'hub',
    summary: 'Returns visible messages newer than a seq and the questions lane (a client that missed a chat.batch catches up).',
  }),
} as const;

/** Body of `POST /api/v1/chat`: a batch of messages from one bridge. Unknown fields are refused, like commands. */
export const chatIngestSchema = z.strictObject({
  messages: z
    .array(
      z.strictObject({
        id: z.string().min(1, 'id is empty').max(CHAT_LIMITS.idLength),
        platform: z
          .string()
          .min(1, 'platform is empty')
          .max(CHAT_LIMITS.platformLength)
          .regex(/^[a-z0-9][a-z0-9_-]*$/, 'platform must be lower-case letters, digits, "-" or "_" (e.g. "douyin")'),
        user: z.strictObject({
          id: z.string().min(1, 'user.id is empty').max(CHAT_LIMITS.idLength),
          name: z.string().max(CHAT_LIMITS.userNameLength),
        }),
        text: z.string().max(CHAT_LIMITS.textLength, `text is longer than ${CHAT_LIMITS.textLength} characters`),
        ts: z.number().int('ts must be an integer (epoch milliseconds)').min(0).max(9_999_999_999_999, 'ts must be epoch milliseconds'),
        kind: z.enum(CHAT_KINDS),
      }),
    )
    .max(CHAT_LIMITS.messagesPerBatch, `a batch holds at most ${CHAT_LIMITS.messagesPerBatch} messages`),
});
