// Small teen pages (chat placeholder, not found): quick exit and language only.

import { installQuickExit } from './quick-exit.js';
import { createI18n } from './i18n.js';
import { TEEN_DICT } from './teen-texts.js';

const common = {
  ja: {
    ...TEEN_DICT.ja,
    back: '窓口の一覧にもどる',
    'chat.heading': 'チャットは準備中です',
    'chat.body': 'ごめんなさい。この画面からチャットで相談できるしくみは、いま準備しているところで、まだ使えません。',
    'chat.urgent': '急いで話したいとき、危ない目にあっているときは、下の番号に電話してください。',
    'nf.heading': 'ページが見つかりませんでした',
    'nf.body': 'お探しのページは、移動したか、なくなったようです。アドレスをもう一度確かめるか、はじめのページからどうぞ。',
    'nf.home': 'はじめのページへ',
  },
  en: {
    ...TEEN_DICT.en,
    back: 'Back to the lines',
    'chat.heading': 'Chat is not ready yet',
    'chat.body': "Sorry: chatting from this page is still being prepared and can't be used yet.",
    'chat.urgent': 'If you need to talk urgently, or you are in danger, please call one of these numbers.',
    'nf.heading': "We couldn't find that page",
    'nf.body': 'The page may have moved or no longer exists. Check the address, or start from the first page.',
    'nf.home': 'Go to the first page',
  },
};

installQuickExit();
const i18n = createI18n(common);
i18n.wireToggle(document.querySelector('[data-lang-toggle]'));
i18n.apply();
