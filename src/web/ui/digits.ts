/** Input accepts Arabic-Indic (٠-٩) and Persian (۰-۹) digits (ARCHITECTURE.md "Digits"); one implementation, in domain/. */
export { removeInvisibleMarks, toLatinDigits } from '../../domain/digits.js';
