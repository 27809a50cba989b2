import type { EntityManager } from '@mikro-orm/sql';
import { Seeder } from '@mikro-orm/seeder';
import { loadConfig } from '../src/config.js';
import { seedDemo } from './demo.js';

/** `mikro-orm seeder:run` entry: the demo dataset, without demo accounts in production. */
export class DatabaseSeeder extends Seeder {
  async run(em: EntityManager): Promise<void> {
    const config = loadConfig(process.env, { requireJwtSecret: false });
    await seedDemo(em, { withUsers: !config.production, bcryptRounds: config.bcryptRounds });
  }
}
