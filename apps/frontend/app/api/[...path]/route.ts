import { proxyHandler } from '@/lib/proxy-route';

// Every /api/* call (auth, tasks, chat, conversations, tokens) goes to the backend at request time.
export const dynamic = 'force-dynamic';

export const GET = proxyHandler;
export const HEAD = proxyHandler;
export const POST = proxyHandler;
export const PUT = proxyHandler;
export const PATCH = proxyHandler;
export const DELETE = proxyHandler;
export const OPTIONS = proxyHandler;
