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

/** `hex` mixed with black by `amount` (0–1): a deeper shade of the same hue. */
function deeper(hex: string, amount: number): string {
  const value = hex.replace('#', '');
  return `#${[0, 2, 4]
    .map((i) =>
      Math.round(Number.parseInt(value.slice(i, i + 2), 16) * (1 - amount))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/**
 * Light variants (badges, alerts, the active navigation link): the palette's palest tint under a
 * shade a little deeper than its darkest, so the text still reads at 4.5:1 on the hover tint (shade 1).
 * Subtle ones the same on hover. Filled ones deepen on hover (Mantine lightens shade 9 to 8: white
 * on teal 8 is 3.9:1). Hover states keep the palette's hue.
 */
const readableVariants: VariantColorsResolver = (input) => {
  const defaults = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color || input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor) return defaults;
  const palette = input.theme.colors[parsed.color];
  if (!palette) return defaults;
  const text = deeper(palette[9], 0.12);
  if (input.variant === 'light')
    return {
      ...defaults,
      background: `var(--mantine-color-${parsed.color}-0)`,
      hover: `var(--mantine-color-${parsed.color}-1)`,
      color: text,
    };
  if (input.variant === 'subtle') return { ...defaults, hover: `var(--mantine-color-${parsed.color}-0)`, color: text };
  if (input.variant === 'filled' && (parsed.shade === undefined || parsed.shade >= 8))
    return { ...defaults, hover: deeper(palette[parsed.shade ?? 9], 0.15) };
  return defaults;
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

/**
 * Mantine's dimmed grey (gray.6) and error red (red.6) read at about 3:1 on white; these meet 4.5:1.
 * Filled hover: components given no colour or variant read these variables, not the resolver —
 * shade 9 deepened, as above, instead of Mantine's lighter shade 8.
 */
export const readableVariables: CSSVariablesResolver = (theme) => {
  const filledHover: Record<string, string> = {};
  for (const [name, palette] of Object.entries(theme.colors)) {
    if (palette?.[9]) filledHover[`--mantine-color-${name}-filled-hover`] = deeper(palette[9], 0.15);
  }
  const primary = theme.colors[theme.primaryColor]?.[9];
  return {
    variables: {},
    light: {
      '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
      '--mantine-color-error': 'var(--mantine-color-red-9)',
      ...filledHover,
      ...(primary ? { '--mantine-primary-color-filled-hover': deeper(primary, 0.15) } : {}),
    },
    dark: {},
  };
};
