import { proxyHandler } from '@/lib/proxy-route';

// MCP clients can use the app's own origin (<origin>/mcp) instead of the backend's in-cluster address.
export const dynamic = 'force-dynamic';

export const GET = proxyHandler;
export const POST = proxyHandler;
export const DELETE = proxyHandler;
export const OPTIONS = proxyHandler;
