// UI-only state: language, theme, selection, the open tab, the editor text (kept in localStorage as it
// is typed, so a crash or reload never loses it), terminal history.
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { CommandResult } from '../../protocol/messages';
import type { Lang } from '../i18n';
import { SAMPLE_NAS } from '../features/editor/samples';

export type Tab = 'editor' | 'inspector' | 'events' | 'tables' | 'terminal';
export type Theme = 'light' | 'dark';

export interface TerminalLine {
  readonly id: number;
  readonly input: string;
  readonly result?: CommandResult;
}

export interface UiState {
  lang: Lang;
  theme: Theme;
  selected?: string;
  tab: Tab;
  editorText: string;
  lastApply?: { readonly ok: boolean; readonly text: string; readonly result: CommandResult };
  terminal: readonly TerminalLine[];
  crash?: string;
  eventsOnlySelected: boolean;
  /** set once the graph has painted; the Monaco chunk starts loading only then */
  graphPainted: boolean;
  /** the side panel folded away, so the graph takes the whole width (projectors) */
  sideCollapsed: boolean;
}

const LS_TEXT = 'ksp.editor.text';
const LS_LANG = 'ksp.lang';
const LS_THEME = 'ksp.theme';

function read(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

export function persist(key: string, value: string): void {
  try {
    globalThis.localStorage?.setItem(key, value);
  } catch {
    // storage full or disabled: the text stays in memory
  }
}

function initialLang(): Lang {
  const saved = read(LS_LANG);
  if (saved === 'en' || saved === 'zh-CN') return saved;
  return globalThis.navigator?.language?.startsWith('zh') ? 'zh-CN' : 'en';
}

function initialTheme(): Theme {
  const saved = read(LS_THEME);
  if (saved === 'light' || saved === 'dark') return saved;
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export const uiStore = createStore<UiState>(() => ({
  lang: initialLang(),
  theme: initialTheme(),
  tab: 'editor',
  editorText: read(LS_TEXT) ?? SAMPLE_NAS,
  terminal: [],
  eventsOnlySelected: false,
  graphPainted: false,
  sideCollapsed: false,
}));

// The editor text is saved on every change, whichever path changed it (typing, an example, a test).
uiStore.subscribe((s, prev) => {
  if (s.editorText !== prev.editorText) persist(LS_TEXT, s.editorText);
});

export function useUi<T>(sel: (s: UiState) => T): T {
  return useStore(uiStore, sel);
}

export const ui = {
  setLang(lang: Lang) {
    persist(LS_LANG, lang);
    uiStore.setState({ lang });
  },
  setTheme(theme: Theme) {
    persist(LS_THEME, theme);
    uiStore.setState({ theme });
  },
  select(key: string | undefined) {
    uiStore.setState({ selected: key });
  },
  setTab(tab: Tab) {
    uiStore.setState({ tab });
  },
  setEditorText(text: string) {
    uiStore.setState({ editorText: text });
  },
};
