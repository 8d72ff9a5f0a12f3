// A small two-language helper: Japanese first, English available.
// Texts live in each page's dictionary; elements name theirs with
// data-i18n (text), data-i18n-label (aria-label) or data-i18n-placeholder.

const STORAGE_KEY = 'lang';
export const LANGS = ['ja', 'en'];

/** The saved language, or Japanese. */
export function savedLang() {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (LANGS.includes(saved)) return saved;
  } catch {
    // Storage blocked: fall back to Japanese.
  }
  return 'ja';
}

/**
 * Creates a translator for `dict` ({ja: {...}, en: {...}}).
 * `onChange(lang)` runs after every switch (and once at start with `apply`).
 */
export function createI18n(dict, onChange = () => {}) {
  let lang = savedLang();

  function t(key, vars = {}) {
    const text = dict[lang]?.[key] ?? dict.ja[key] ?? key;
    return text.replace(/\{(\w+)\}/g, (_, name) => (name in vars ? String(vars[name]) : `{${name}}`));
  }

  function apply(root = document) {
    document.documentElement.lang = lang;
    for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
    for (const el of root.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
    for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
    for (const el of root.querySelectorAll('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle);
    const title = dict[lang]?.['page.title'];
    if (title) document.title = title;
    onChange(lang);
  }

  function setLang(next) {
    if (!LANGS.includes(next)) return;
    lang = next;
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not remembered, but still switched.
    }
    apply();
  }

  /** Wires a `[data-lang-toggle]` button: it shows, in that language, the other language's name. */
  function wireToggle(button) {
    const render = () => {
      const other = lang === 'ja' ? 'en' : 'ja';
      button.textContent = other === 'en' ? 'English' : '日本語';
      button.lang = other;
      button.setAttribute('aria-label', other === 'en' ? 'Switch to English' : '日本語に切り替える');
    };
    button.addEventListener('click', () => {
      setLang(lang === 'ja' ? 'en' : 'ja');
      render();
    });
    render();
  }

  return {
    get lang() {
      return lang;
    },
    t,
    apply,
    setLang,
    wireToggle,
  };
}
