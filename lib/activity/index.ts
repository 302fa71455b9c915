/** The activity log: what is recorded (record.ts), which event fires when (events.ts), and reading it (list.ts). */
export { ACTIVITY_EVENT_TYPES, clientAddress, recordActivity, type ActivityDetails, type ActivityEventType } from "./record";
export { activityPage, listActivity, type ActivityWhere } from "./list";
export { LOGGED_ENDPOINTS, recordRequestActivity, recordSessionCreated, recordSessionDeleted, recordSignIn, recordUserCreated } from "./events";
export { FIRST_FACTOR_PATHS, signInMethodOf, signInMethodOfRequest, type SignInMethod } from "./sign-in-methods";
