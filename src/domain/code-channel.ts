/**
 * Which channel a portal sign-in code goes by (issue 20 §7, F2): the family's agreed channel when
 * it can carry a code, else the first of SMS, WhatsApp (both to the registered mobile) and e-mail
 * (only to an address staff verified) whose transport is configured. `null`: no way to send one.
 * Letters, faxes and calls never carry a code.
 * @example codeChannel({ agreedChannel: 'whatsapp', hasMobile: true, isEmailVerified: false }, { sms: true, whatsapp: true, email: false }) // 'whatsapp'
 */
export type CodeChannel = 'sms' | 'whatsapp' | 'email';
const ORDER: readonly CodeChannel[] = ['sms', 'whatsapp', 'email'];

export function codeChannel(
  family: { agreedChannel: string; hasMobile: boolean; isEmailVerified: boolean },
  transports: Readonly<Record<CodeChannel, boolean>>,
): CodeChannel | null {
  const usable = (channel: CodeChannel) => transports[channel] && (channel === 'email' ? family.isEmailVerified : family.hasMobile);
  const agreed = ORDER.find((channel) => channel === family.agreedChannel);
  if (agreed && usable(agreed)) return agreed;
  return ORDER.find(usable) ?? null;
}

/** Whether any transport that can carry a code is configured (else the portal says sign-in is not available). */
export function canCarryCodes(transports: Readonly<Record<CodeChannel, boolean>>): boolean {
  return ORDER.some((channel) => transports[channel]);
}
