import { describe, expect, it } from 'vitest';
import { applyOrderEvent, DEFAULT_LEDGER_SETTINGS, type CueSegment, type OrderEvent } from '../../../../../../electron/features/sales/domain/ledger';
import { deriveTallies } from '../../../../../../electron/features/sales/domain/tallies';
import { buildShowTimeline, type ChatMinute, type SceneChange } from '../../../../../../electron/features/sales/domain/show-timeline';
import { renderSalesReportCsv, renderSalesReportHtml, type SalesReportInput } from '../../../../../../electron/features/sales/hub/report/sales-report';
import { fitLabel, renderTimelineSvg, tickStep } from '../../../../../../electron/features/sales/hub/report/timeline-chart';

const T0 = Date.UTC(2025, 4, 1, 12, 0);
const min = (n: number) => T0 + n * 60_000;
const iso = (at: number) => new Date(at).toISOString();

function input(): SalesReportInput {
  const segments: CueSegment[] = [
    { cueId: 'pot', label: '紫砂壶', startedAt: min(0) },
    { cueId: 'cups', label: 'Cups', startedAt: min(6) },
  ];
  const events: OrderEvent[] = [
    { eventId: 'a', orderId: 'a', platform: 'douyin', status: 'paid', occurredAt: min(2) + 10_000, currency: 'CNY', items: [{ sku: 'POT-1', quantity: 1, unitPrice: 29_900 }] },
    { eventId: 'b', orderId: 'b', platform: 'douyin', status: 'paid', occurredAt: min(7), currency: 'CNY', items: [{ sku: 'CUP-2', quantity: 2, unitPrice: 1_000 }] },
  ];
  const tallies = deriveTallies(events.map((e) => applyOrderEvent(undefined, e)), segments, DEFAULT_LEDGER_SETTINGS);
  const scenes: SceneChange[] = [
    { at: min(-30), scene: 'Pre-show' },
    { at: min(1), scene: 'Anchor <cam>' },
    { at: min(6) + 30_000, scene: '=Product' },
  ];
  const chat: ChatMinute[] = [
    { minute: min(0), kind: 'comment', count: 12 },
    { minute: min(0), kind: 'like', count: 30 },
    { minute: min(7), kind: 'comment', count: 5 },
    { minute: min(9), kind: 'gift', count: 1 },
  ];
  const window = { from: min(0), to: min(10) };
  return {
    showTitle: 'Tea night',
    generatedAt: min(11),
    onAir: null,
    tallies,
    stockNow: {},
    names: {},
    ledger: { isValid: true, entries: 2, head: 'ab'.repeat(32), problems: [] },
    reconciliation: null,
    presenters: { pot: '李老师' },
    segments,
    timeline: buildShowTimeline({ window, salesByMinute: tallies.byMinute, segments, scenes, chat }),
  };
}

describe('post-show report with the show timeline', () => {
  it('draws cue bands, scene bands, chat per minute and orders per minute on one axis, scene names as text', () => {
    const html = renderSalesReportHtml(input(), 'en');
    expect(html).toContain('<h2>Timeline</h2>');
    const svg = html.match(/<svg class="timeline"[\s\S]*?<\/svg>/)![0];
    expect(svg).toMatch(/role="img" aria-label="Cues, Scenes, Chat \/ min \(peak 42\), Orders \/ min \(peak 1\)"/);
    expect([...svg.matchAll(/data-cue="([^"]+)"/g)].map((m) => m[1])).toEqual(['pot', 'cups']);
    expect([...svg.matchAll(/data-scene="([^"]+)"/g)].map((m) => m[1])).toEqual(['Pre-show', 'Anchor &lt;cam&gt;', '=Product']);
    expect([...svg.matchAll(/data-minute="([^"]+)" data-messages="(\d+)"/g)].map((m) => [m[1], Number(m[2])])).toEqual([
      [iso(min(0)), 42],
      [iso(min(7)), 5],
      [iso(min(9)), 1],
    ]);
    expect(svg).toContain('comments 12, likes 30');
    expect(svg.match(/class="order-bar"/g)).toHaveLength(2);
    expect(svg).not.toContain('<cam>');
    // Headline figure and time on program per scene (10-minute window: Pre-show 1 min, Anchor 5.5 min, =Product 3.5 min).
    expect(html).toContain('data-figure="chat">48<');
    expect(html).toContain('<th scope="row">Anchor &lt;cam&gt;</th><td>1</td><td>5:30</td>');
    expect(html).toContain('<th scope="row">=Product</th><td>1</td><td>3:30</td>');
    expect(html).toContain('<th scope="row">Pre-show</th><td>1</td><td>1:00</td>');
    expect(html).not.toMatch(/<script/i);
  });

  it('says it in Chinese too', () => {
    const html = renderSalesReportHtml(input(), 'zh-CN');
    expect(html).toContain('<h2>时间线</h2>');
    expect(html).toMatch(/aria-label="讲解卡, 场景, 每分钟弹幕 \(峰值 42\), 每分钟订单 \(峰值 1\)"/);
    expect(html).toContain('评论 12, 点赞 30');
    expect(html).toContain('<th scope="col">播出时长</th>');
  });

  it('explains an empty timeline instead of drawing one', () => {
    const empty = { ...input(), timeline: null };
    expect(renderSalesReportHtml(empty, 'en')).toContain('Nothing happened yet');
    expect(renderSalesReportHtml(empty, 'en')).not.toContain('<svg');
    expect(renderSalesReportCsv(empty)).not.toMatch(/^(minute|chat|scene),/m);
  });

  it('puts chat per minute next to orders in the CSV, with rows per chat kind and per scene change', () => {
    const lines = renderSalesReportCsv(input()).trim().split('\r\n');
    expect(lines[0]).toBe('section,key,label,startedAt,orders,units,gmvMinor,gmv,currency,messages,paidMinor,refundedMinor');
    expect(lines).toContain('total,chat,,,,,,,,48,,');
    expect(lines.filter((l) => l.startsWith('minute,'))).toHaveLength(10);
    expect(lines).toContain(`minute,${iso(min(0))},,,0,0,0,0.00,CNY,42,,`);
    expect(lines).toContain(`minute,${iso(min(2))},,,1,1,29900,299.00,CNY,0,,`);
    expect(lines).toContain(`minute,${iso(min(7))},,,1,2,2000,20.00,CNY,5,,`);
    expect(lines.filter((l) => l.startsWith('chat,'))).toEqual([
      `chat,${iso(min(0))},comment,,,,,,,12,,`,
      `chat,${iso(min(0))},like,,,,,,,30,,`,
      `chat,${iso(min(7))},comment,,,,,,,5,,`,
      `chat,${iso(min(9))},gift,,,,,,,1,,`,
    ]);
    // Scene names are user text: a leading "=" is neutralised like SKUs and cue labels.
    expect(lines.filter((l) => l.startsWith('scene,'))).toEqual([
      `scene,Pre-show,,${iso(min(-30))},,,,,,,,`,
      `scene,Anchor <cam>,,${iso(min(1))},,,,,,,,`,
      `scene,'=Product,,${iso(min(6) + 30_000)},,,,,,,,`,
    ]);
    expect(lines.every((l) => !l.includes('"') && l.split(',').length === 12)).toBe(true);
  });

  it('sums the show by presenter: time on air and sales under their cues; cues naming nobody have no row', () => {
    const both = { ...input(), presenters: { pot: '李老师', cups: 'Dr. Chen' } };
    const html = renderSalesReportHtml(both, 'zh-CN');
    const table = html.slice(html.indexOf('<h2>主讲人</h2>'), html.indexOf('</table>', html.indexOf('<h2>主讲人</h2>')));
    // 紫砂壶 is on from minute 0 to 6, the cups from 6 to the window's end at 10.
    expect(table).toMatch(/<th scope="row">李老师<\/th><td>6:00<\/td><td>1<\/td><td>1<\/td><td>¥299.00<\/td>/);
    expect(table).toMatch(/<th scope="row">Dr. Chen<\/th><td>4:00<\/td><td>1<\/td><td>2<\/td><td>¥20.00<\/td>/);
    const lines = renderSalesReportCsv(both).trim().split('\r\n');
    expect(lines.filter((l) => l.startsWith('presenter,'))).toEqual(['presenter,李老师,6:00,,1,1,29900,299.00,CNY,,29900,0', 'presenter,Dr. Chen,4:00,,1,2,2000,20.00,CNY,,2000,0']);
    // Nobody named: no table at all.
    expect(renderSalesReportHtml({ ...input(), presenters: {} }, 'en')).not.toContain('<h2>Presenters</h2>');
  });
});

describe('timeline chart helpers', () => {
  it('fits labels to their band with an ellipsis, or drops them', () => {
    expect(fitLabel('Anchor', 200)).toBe('Anchor');
    expect(fitLabel('Anchor close-up', 50)).toBe('Anchor…');
    expect(fitLabel('紫砂壶专场讲解', 40)).toBe('紫砂壶…');
    expect(fitLabel('Anchor', 8)).toBe('');
  });

  it('keeps the axis to about eight labels', () => {
    expect(tickStep(8)).toBe(1);
    expect(tickStep(20)).toBe(5);
    expect(tickStep(180)).toBe(30);
    expect(tickStep(1440)).toBe(180);
  });

  it('draws a one-minute timeline without dividing by zero', () => {
    const svg = renderTimelineSvg(buildShowTimeline({ window: { from: min(0), to: min(1) }, salesByMinute: {}, segments: [], scenes: [], chat: [] }), 'en');
    expect(svg).not.toMatch(/NaN|Infinity/);
    expect(svg).toContain('peak 0');
  });
});

describe('post-show report for the anchor (issue #21)', () => {
  /** The show went live at minute 2 and ended at minute 9:30; the timeline covers those minutes only. */
  function onAirInput(): SalesReportInput {
    const base = input();
    const span = { from: min(2), to: min(9) + 30_000 };
    return {
      ...base,
      onAir: { startedAt: span.from, endedAt: span.to },
      names: { 'POT-1': { zh: '紫砂壶', en: 'Clay teapot' }, 'CUP-2': { zh: '品茗杯', en: '' } },
      timeline: buildShowTimeline({
        window: { from: min(2), to: min(10) },
        salesByMinute: base.tallies.byMinute,
        segments: base.segments,
        scenes: [{ at: min(1), scene: 'Anchor' }],
        chat: [{ minute: min(7), kind: 'comment', count: 5 }],
        onAir: span,
      }),
    };
  }

  it('says when the show was on air and for how long, in the report language', () => {
    const en = renderSalesReportHtml(onAirInput(), 'en');
    expect(en).toMatch(/On air: <time datetime="2025-05-01T12:02:00.000Z" data-figure="on-air-start">[^<]+<\/time> – <time datetime="2025-05-01T12:09:30.000Z" data-figure="on-air-end">/);
    expect(en).toContain('data-figure="on-air-duration" data-ms="450000">7:30<');
    const zh = renderSalesReportHtml(onAirInput(), 'zh-CN');
    expect(zh).toContain('开播时间: <time');
    expect(zh).toContain('时长 <span data-figure="on-air-duration"');
    expect(zh).toMatch(/data-figure="on-air-start">2025年5月1日/);
  });

  it('starts the timeline at going live: no rehearsal minute, the cue live then drawn from going live', () => {
    const html = renderSalesReportHtml(onAirInput(), 'en');
    const svg = html.match(/<svg class="timeline"[\s\S]*?<\/svg>/)![0];
    const bands = onAirInput().timeline!.cues;
    expect(bands[0]).toMatchObject({ key: 'pot', from: min(2) });
    expect(onAirInput().timeline!.minutes[0]!.minute).toBe(min(2));
    expect(svg).not.toContain(iso(min(0)));
    // The cue table says when each cue was on air from: the first one from going live, not from rehearsal.
    expect(html).toMatch(/<th scope="row">紫砂壶<\/th><td>May 1, 2025, \d+:02:00/);
  });

  it('lists products by name with the SKU beside it, in the report language', () => {
    const en = renderSalesReportHtml(onAirInput(), 'en');
    expect(en).toContain('<th scope="row"><span data-sku="POT-1">Clay teapot</span></th><td>POT-1</td>');
    // No English name: the Chinese one rather than a bare SKU.
    expect(en).toContain('<span data-sku="CUP-2">品茗杯</span>');
    const zh = renderSalesReportHtml(onAirInput(), 'zh-CN');
    expect(zh).toContain('<span data-sku="POT-1">紫砂壶</span>');
    const csv = renderSalesReportCsv(onAirInput()).split('\r\n');
    expect(csv).toContain('product,POT-1,紫砂壶,,1,1,29900,299.00,CNY,,29900,0');
    expect(csv).toContain(`onair,start,Tea night,${iso(min(2))},,,,,,,,`);
    expect(csv).toContain(`onair,end,Tea night,${iso(min(9) + 30_000)},,,,,,,,`);
  });

  it('speaks to the anchor: no command lines or developer words', () => {
    for (const language of ['en', 'zh-CN'] as const) {
      const html = renderSalesReportHtml(onAirInput(), language);
      expect(html).not.toMatch(/npm|--data|SHA-256|hash|chain head|哈希|链头/i);
    }
    const broken = renderSalesReportHtml({ ...onAirInput(), ledger: { isValid: false, entries: 2, head: 'ab', problems: ['entry 2 was changed'] } }, 'en');
    expect(broken).toContain('data-ledger="problems"');
    expect(broken).toContain('<li>entry 2 was changed</li>');
  });
});

describe('post-show report of a long show (issue #19)', () => {
  /** On air from minute 2 for 2 h 30 min; orders in the first and third hours, the second cue from 1 h 10 min. */
  function longInput(): SalesReportInput {
    const base = input();
    const span = { from: min(2), to: min(152) };
    const segments: CueSegment[] = [
      { cueId: 'pot', label: '紫砂壶', startedAt: min(0) },
      { cueId: 'cups', label: 'Cups', startedAt: min(72) },
    ];
    const events: OrderEvent[] = [
      { eventId: 'a', orderId: 'a', platform: 'douyin', status: 'paid', occurredAt: min(10), currency: 'CNY', items: [{ sku: 'POT-1', quantity: 1, unitPrice: 29_900 }] },
      { eventId: 'b', orderId: 'b', platform: 'douyin', status: 'paid', occurredAt: min(130), currency: 'CNY', items: [{ sku: 'CUP-2', quantity: 2, unitPrice: 1_000 }] },
    ];
    const tallies = deriveTallies(events.map((e) => applyOrderEvent(undefined, e)), segments, DEFAULT_LEDGER_SETTINGS);
    return {
      ...base,
      tallies,
      segments,
      onAir: { startedAt: span.from, endedAt: span.to },
      timeline: buildShowTimeline({
        window: { from: min(2), to: min(152) },
        salesByMinute: tallies.byMinute,
        segments,
        scenes: [{ at: min(1), scene: 'Anchor' }],
        chat: [{ minute: min(80), kind: 'comment', count: 9 }],
        onAir: span,
      }),
    };
  }

  it('adds an hour-by-hour table: orders, money, chat and the cues of each hour, in the report language', () => {
    const html = renderSalesReportHtml(longInput(), 'en');
    expect(html).toContain('<h2>Hour by hour</h2>');
    const table = html.slice(html.indexOf('<h2>Hour by hour</h2>'), html.indexOf('<h2>Cues</h2>'));
    const rows = [...table.matchAll(/<tr><th scope="row">(\d) · [^<]+<\/th>((?:<td>[^<]*<\/td>)+)<\/tr>/g)].map((m) => [m[1], [...m[2]!.matchAll(/<td>([^<]*)<\/td>/g)].map((c) => c[1])]);
    expect(rows).toEqual([
      ['1', ['1', '1', 'CN¥299.00', '0', '0', '紫砂壶']],
      ['2', ['0', '0', 'CN¥0.00', '9', '0', '紫砂壶 · Cups']],
      ['3', ['1', '2', 'CN¥20.00', '0', '0', 'Cups']],
    ]);
    expect(renderSalesReportHtml(longInput(), 'zh-CN')).toContain('<h2>逐小时</h2>');
    const csv = renderSalesReportCsv(longInput()).split('\r\n');
    expect(csv).toContain(`hour,2,紫砂壶 / Cups,${iso(min(62))},0,0,0,0.00,CNY,9,,`);
  });

  it('a show under an hour has no such table', () => {
    expect(renderSalesReportHtml(input(), 'en')).not.toContain('Hour by hour');
  });
});
