/** The platform role rules live in the core (so every feature applies the same); kept here for existing imports. */
export {
  adminRoles, readerRoles, writerRoles, highestRank, isWriter, canGrant, canManage, lastAdministratorViolation,
  type AdminRole, type AdminHolder,
} from '../core/roles.js';
