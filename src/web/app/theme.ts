import { createTheme, type MantineColorsTuple, type MantineThemeOverride } from '@mantine/core';
import type { AssociationSettings } from '../../contracts/settings.js';

export type PrimaryColor = AssociationSettings['primaryColor'];

const FONT = "'IBM Plex Sans Arabic', 'Noto Sans Arabic', system-ui, sans-serif";

/**
 * The shade of each colour that white text can sit on with at least 4.5:1 contrast (WCAG AA),
 * so filled buttons and badges stay readable whatever colour the association picks.
 */
const READABLE_SHADE: Record<PrimaryColor, 7 | 8 | 9> = {
  teal: 9,
  cyan: 9,
  green: 9,
  blue: 8,
  indigo: 7,
  grape: 8,
  orange: 9,
};

// Mantine's orange is too light for white text even at its darkest shade; this one is readable.
const ORANGE: MantineColorsTuple = [
  '#fff4e6',
  '#ffe8cc',
  '#ffd8a8',
  '#ffc078',
  '#ffa94d',
  '#ff922b',
  '#fd7e14',
  '#e8590c',
  '#c2410c',
  '#9a3412',
];

export function buildTheme(primaryColor: PrimaryColor): MantineThemeOverride {
  return createTheme({
    primaryColor,
    primaryShade: { light: READABLE_SHADE[primaryColor], dark: 6 },
    colors: { orange: ORANGE },
    fontFamily: FONT,
    fontFamilyMonospace: "ui-monospace, 'DejaVu Sans Mono', monospace",
    headings: { fontFamily: FONT, fontWeight: '700' },
    defaultRadius: 'md',
    cursorType: 'pointer',
  });
}
