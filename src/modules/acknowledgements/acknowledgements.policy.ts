import type { StaffRole } from '../../domain/roles.js';

/**
 * Who may do what with policy acknowledgements (issue 26 §4–§5; R1, R2): documents editors and
 * administrators set which versions must be acknowledged; HR (and administrators) follow who has
 * not, remind them, reach contract parties and record exemptions. Everyone acknowledges their own;
 * a department's head records its receipt (checked in the service against the department).
 */
export const ACK_REQUIRERS: readonly StaffRole[] = ['documents-editor', 'administrator'];
export const ACK_HR: readonly StaffRole[] = ['hr', 'administrator'];
