/**
 * The keys the built-in sandbox accepts in demo mode. They are not secrets: they only open the
 * loopback sandbox, and demo mode uses them so the whole sale flow runs without a merchant account.
 */
export const demoEcsterCredentials = { apiKey: 'demo-ecster-api-key', merchantKey: 'demo-merchant' } as const;
export const demoStraumurCredentials = { apiKey: 'demo-straumur-api-key' } as const;
