import type { ReactNode } from 'react';

/** Left-to-right text (usernames, codes, numbers, e-mail) isolated inside right-to-left text. */
export function Ltr({ children }: { children: ReactNode }) {
  return <bdi dir="ltr">{children}</bdi>;
}
