import type { Handler, HandlerContext, Route } from './handler.ts';

/**
 * One rule of the router: which route a message takes, when. Rules are tried in order; the
 * first that matches handles the message. Features add their rules (dialog, roster, ack).
 */
export interface RouteRule {
  route: Route;
  matches(context: HandlerContext): boolean | Promise<boolean>;
  handle: Handler;
}

export class Router {
  private readonly rules: RouteRule[] = [];

  add(rule: RouteRule): this {
    this.rules.push(rule);
    return this;
  }

  /** Routes and handles one message; returns the route it took. */
  async dispatch(context: HandlerContext): Promise<Route> {
    for (const rule of this.rules) {
      if (await rule.matches(context)) {
        await rule.handle(context);
        return rule.route;
      }
    }
    return 'ignore';
  }
}
