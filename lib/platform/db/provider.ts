export type Provider = "sqlite" | "postgresql";

/** Which database a DATABASE_URL names: PostgreSQL for postgres(ql)://, SQLite for everything else (file:). */
export function providerOf(databaseUrl: string): Provider {
  return /^postgres(ql)?:\/\//.test(databaseUrl) ? "postgresql" : "sqlite";
}
