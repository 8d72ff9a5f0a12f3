// Texts the teen pages share, to merge into a page's dictionary: the top bar,
// the emergency numbers and, for the live pages (chat, salon), the
// connection banner.

export const TEEN_DICT = {
  ja: {
    'page.title': 'メモ',
    skip: '本文へ移動',
    brand: 'よりそい',
    exit: 'すぐに閉じる',
    boot: '準備しています…',
    'conn.connecting': 'つないでいます…',
    'conn.reconnecting': '再接続中…　書いたメッセージは、つながったら送ります。',
    'emergency.heading': '今すぐ助けが必要なとき',
    'emergency.police': '警察',
    'emergency.ambulance': '救急車・消防',
    'emergency.189': '児童相談所虐待対応ダイヤル「いちはやく」',
    'emergency.sos': '24時間子供SOSダイヤル',
  },
  en: {
    'page.title': 'Notes',
    skip: 'Skip to content',
    brand: 'Yorisoi',
    exit: 'Quick exit',
    boot: 'Getting ready…',
    'conn.connecting': 'Connecting…',
    'conn.reconnecting': 'Reconnecting… Anything you write will be sent once we are back.',
    'emergency.heading': 'If you need help right now',
    'emergency.police': 'Police',
    'emergency.ambulance': 'Ambulance and fire',
    'emergency.189': 'Child guidance centre abuse line “Ichihayaku”',
    'emergency.sos': '24-hour children’s SOS line',
  },
};
