import { Country } from '../catalog/country.entity.js';
import { Manufacturer } from '../catalog/manufacturer.entity.js';
import { Product } from '../catalog/product.entity.js';
import { ImportError, integer, text } from './csv.js';
import { byName, type CsvImporter } from './import-stats.js';

/** products.csv: country,manufacturer,name,cpu,year — country may list several, separated by "/". */
export const productsImporter: CsvImporter = {
  file: 'products.csv',
  columns: ['country', 'manufacturer', 'name', 'cpu', 'year'],
  async run(tx, rows, progress) {
    const manufacturers = byName(await tx.find(Manufacturer, {}));
    const countries = byName(await tx.find(Country, {}));
    const known = new Set((await tx.find(Product, {}, { fields: ['name'] })).map((p) => p.name));
    let inserted = 0;
    for (const row of rows) {
      const name = text(row, 'name', 64)!;
      const makerName = text(row, 'manufacturer', 64)!;
      const year = integer(row, 'year', 1900, 2100);
      const cpu = text(row, 'cpu', 32, false);
      const countryNames = (text(row, 'country', 200, false) ?? '')
        .split('/')
        .map((c) => c.trim())
        .filter(Boolean);
      for (const c of countryNames) if (c.length > 32) throw new ImportError(row.file, row.line, 'country', `"${c}" is longer than 32 characters`);
      progress.advance(1);
      if (known.has(name)) continue;
      known.add(name);
      let manufacturer = manufacturers.get(makerName);
      if (!manufacturer) manufacturers.set(makerName, (manufacturer = tx.create(Manufacturer, { name: makerName })));
      const linked = countryNames.map((c) => countries.get(c) ?? countries.set(c, tx.create(Country, { name: c })).get(c)!);
      tx.create(Product, { name, manufacturer, year, cpu, countries: [...new Set(linked)] });
      inserted += 1;
    }
    await tx.flush();
    return inserted;
  },
};
