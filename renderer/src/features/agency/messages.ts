import { defineMessages } from '../../i18n/feature-messages';

/** Strings of the agency link (in the co-host drawer). */
export const agencyMessages = defineMessages(
  {
    'agency.title': 'Agency (MCN)',
    'agency.intro':
      'Link this studio to your agency: it then sees this room on its console (live or not, sales, alerts, open questions). The studio connects out; nothing on this computer opens to the network. Unlink at any time.',
    'agency.url': 'Agency address',
    'agency.urlPlaceholder': 'https://… (from your agency)',
    'agency.token': 'Studio token',
    'agency.tokenPlaceholder': 'agt_… (from your agency, shown to them once)',
    'agency.link': 'Link',
    'agency.unlink': 'Unlink',
    'agency.unlinkTitle': 'Unlink from the agency?',
    'agency.unlinkText': 'The agency stops receiving this room’s sales and status; what it already has stays there. To link again you need the studio token again.',
    'agency.cancel': 'Keep linked',
    'agency.state.connecting': 'Connecting to {url}…',
    'agency.state.linked': 'Linked to {agency} as room “{room}”.',
    'agency.state.offline': 'The agency cannot be reached right now; the studio keeps everything and sends it when it is back.',
    'agency.state.refused': 'The agency refused the link.',
    'agency.sent': 'Ledger entries at the agency: {sent} of {entries}',
    'agency.allowCommands': 'The agency’s producers may run the show from their console (cues, flash sales…), as a producer here could',
  },
  {
    'agency.title': '机构 (MCN)',
    'agency.intro': '把本工作室关联到你的机构：机构控制台就能看到这个直播间（是否在播、销售、告警、未回复的问题）。由工作室主动连出，本机不对网络开放任何端口。随时可以解除关联。',
    'agency.url': '机构地址',
    'agency.urlPlaceholder': 'https://…（机构提供）',
    'agency.token': '工作室令牌',
    'agency.tokenPlaceholder': 'agt_…（机构提供，只显示一次）',
    'agency.link': '关联',
    'agency.unlink': '解除关联',
    'agency.unlinkTitle': '解除与机构的关联？',
    'agency.unlinkText': '机构将不再收到本直播间的销售和状态；已收到的数据留在机构。再次关联需要重新粘贴工作室令牌。',
    'agency.cancel': '保持关联',
    'agency.state.connecting': '正在连接 {url}…',
    'agency.state.linked': '已关联到 {agency}，直播间“{room}”。',
    'agency.state.offline': '暂时连不上机构；工作室保存所有数据，恢复后自动补发。',
    'agency.state.refused': '机构拒绝了关联。',
    'agency.sent': '机构已收到的账本记录：{sent} / {entries}',
    'agency.allowCommands': '允许机构的制片在其控制台操作本场（切换商品、限时秒杀等），权限与本机制片相同',
  },
);
