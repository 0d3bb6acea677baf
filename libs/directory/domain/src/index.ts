export * from './lib/unit';
export * from './lib/rule-violation';
export * from './lib/register-unit';
