import {
  Badge,
  type CSSVariablesResolver,
  createTheme,
  DEFAULT_THEME,
  defaultVariantColorsResolver,
  type MantineColorsTuple,
  type MantineThemeOverride,
  parseThemeColor,
  type VariantColorsResolver,
} from '@mantine/core';
import type { AssociationSettings } from '../../contracts/settings.js';

export type PrimaryColor = AssociationSettings['primaryColor'];

const FONT = "'IBM Plex Sans Arabic', 'Noto Sans Arabic', system-ui, sans-serif";

/** A palette whose two darkest shades are replaced, so white text on them and they on pale tints read at 4.5:1. */
function withDarkEnd(color: 'green' | 'orange' | 'yellow', shade8: string, shade9: string): MantineColorsTuple {
  const tuple = [...(DEFAULT_THEME.colors[color] as MantineColorsTuple)];
  tuple[8] = shade8;
  tuple[9] = shade9;
  return tuple as unknown as MantineColorsTuple;
}

/**
 * Shade 9 of every palette carries filled buttons and coloured text, so whatever colour the
 * association picks stays readable (WCAG AA); Mantine's green, orange and yellow end too light.
 */
const READABLE_COLORS = {
  green: withDarkEnd('green', '#2b7a3b', '#237032'),
  orange: withDarkEnd('orange', '#c2410c', '#9a3412'),
  yellow: withDarkEnd('yellow', '#a16800', '#7a5000'),
};

/** Light variants (badges, alerts, the active navigation link): the palette's palest tint under its darkest shade. */
const readableVariants: VariantColorsResolver = (input) => {
  const defaults = defaultVariantColorsResolver(input);
  if (input.variant !== 'light') return defaults;
  const parsed = parseThemeColor({ color: input.color || input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor) return defaults;
  return {
    ...defaults,
    background: `var(--mantine-color-${parsed.color}-0)`,
    hover: `var(--mantine-color-${parsed.color}-1)`,
    color: `var(--mantine-color-${parsed.color}-9)`,
  };
};

export function buildTheme(primaryColor: PrimaryColor): MantineThemeOverride {
  return createTheme({
    primaryColor,
    primaryShade: { light: 9, dark: 6 },
    colors: READABLE_COLORS,
    variantColorResolver: readableVariants,
    fontFamily: FONT,
    fontFamilyMonospace: "ui-monospace, 'DejaVu Sans Mono', monospace",
    headings: { fontFamily: FONT, fontWeight: '700' },
    defaultRadius: 'md',
    cursorType: 'pointer',
    // Arabic has no letter case; English badges read better in the same sentence case.
    components: { Badge: Badge.extend({ styles: { label: { textTransform: 'none' } } }) },
  });
}

/** Mantine's dimmed grey (gray.6) and error red (red.6) read at about 3:1 on white; these meet 4.5:1. */
export const readableVariables: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)', '--mantine-color-error': 'var(--mantine-color-red-9)' },
  dark: {},
});
