// The web host serves the renderer with the desktop app's own policy, so the two cannot drift.
export { CONTENT_SECURITY_POLICY } from '../electron/security/csp';
