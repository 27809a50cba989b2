import { BlogArticle } from '../blog/blog-article.entity.js';
import { BlogAuthor } from '../blog/blog-author.entity.js';
import { Language } from '../blog/language.entity.js';
import { Product } from '../catalog/product.entity.js';
import { ImportError, text, timestamp, type CsvRow } from './csv.js';
import { byName, type CsvImporter } from './import-stats.js';

/**
 * articles.csv: title,author,timestamp,product,language,translation_of — articles keyed by title;
 * translation_of names the original's title, which may come later in the file.
 */
export const articlesImporter: CsvImporter = {
  file: 'articles.csv',
  columns: ['title', 'author', 'timestamp', 'product', 'language', 'translation_of'],
  async run(tx, rows, progress) {
    const products = byName(await tx.find(Product, {}));
    const authors = byName(await tx.find(BlogAuthor, {}));
    const languages = byName(await tx.find(Language, {}));
    const byTitle = new Map<string, BlogArticle>();
    for (const a of await tx.find(BlogArticle, {}, { orderBy: { id: 'asc' } })) if (!byTitle.has(a.title)) byTitle.set(a.title, a);
    const created: [BlogArticle, CsvRow][] = [];
    for (const row of rows) {
      const title = text(row, 'title', 128)!;
      const authorName = text(row, 'author', 64)!;
      const at = timestamp(row, 'timestamp');
      const productName = text(row, 'product', 64, false);
      const product = productName ? products.get(productName) : null;
      if (productName && !product) throw new ImportError(row.file, row.line, 'product', `unknown product "${productName}"`);
      const languageName = text(row, 'language', 32, false);
      text(row, 'translation_of', 128, false);
      progress.advance(1);
      if (byTitle.has(title)) continue;
      let author = authors.get(authorName);
      if (!author) authors.set(authorName, (author = tx.create(BlogAuthor, { name: authorName })));
      let language: Language | null = null;
      if (languageName) {
        language = languages.get(languageName) ?? null;
        if (!language) languages.set(languageName, (language = tx.create(Language, { name: languageName })));
      }
      const article = tx.create(BlogArticle, { title, author, timestamp: at, product: product ?? null, language });
      byTitle.set(title, article);
      created.push([article, row]);
    }
    // Second pass: originals may appear after their translations.
    for (const [article, row] of created) {
      const original = text(row, 'translation_of', 128, false);
      if (!original) continue;
      const target = byTitle.get(original);
      if (!target || target === article) throw new ImportError(row.file, row.line, 'translation_of', `no article titled "${original}"`);
      article.translationOf = target;
    }
    await tx.flush();
    return created.length;
  },
};
