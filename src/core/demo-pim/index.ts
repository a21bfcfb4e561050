/** The demo PIM: a loopback simulator of the five remote PIM APIs (see README.md here). */
export { startDemoPim, DEMO_CREDENTIALS } from './server';
export type { DemoPim, DemoPimOptions, DemoUrls, DemoCredentials } from './server';
export type { AdminClient, AdminState, EditOptions, EtimLimits, WexboLimits } from './admin/client';
export type { FaultSettings, Maintenance, Rejections, RequestCounters, ScriptedFault } from './faults';
export type { NotificationPayload, NotificationRecord } from './etim/notify';
export type { CanonicalProduct, ProductPatch } from './catalog/product';
export type { Tombstone } from './catalog/store';
export { generateCatalog, forEachProduct, CATALOG_ANCHOR_MS, FIRST_ID } from './catalog/generate';
export { isValidGtin, gs1CheckDigit } from './catalog/gtin';
export { formatZoned, parseZoned, zoneOffsetMs, DEMO_ZONE } from './time';
export type { SystemName } from './types';
