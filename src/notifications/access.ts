import { definePermissions, ROLES } from '../platform/access';

/**
 * Who may do what with cross-border notifications. Liaison officers and administrators act
 * (acknowledge, reply, decide on identity requests, share signals); epidemiologists read, write
 * in threads and request identifiers; everyone reads the timeliness statistics (aggregates only).
 */
definePermissions({
  'notification.read': ['administrator', 'liaison', 'epidemiologist'],
  'notification.acknowledge': ['administrator', 'liaison'],
  'notification.message': ['administrator', 'liaison', 'epidemiologist'],
  'notification.identity.request': ['administrator', 'liaison', 'epidemiologist'],
  'notification.identity.decide': ['administrator', 'liaison'],
  /** The identifiers a partner disclosed: those who trace contacts (every read is audited). */
  'notification.identity.read': ['epidemiologist', 'liaison'],
  'notification.signal.share': ['administrator', 'liaison'],
  'notification.timeliness.read': ROLES,
});
