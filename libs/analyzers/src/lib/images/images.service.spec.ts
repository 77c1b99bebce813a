import { TooManyRequestsError, parseConfig } from '@atelier/platform';
import { DatabaseBlobStore, migrateToLatest, openSqliteDatabase, type AtelierDb } from '@atelier/persistence';
import { solidImage } from '../testing/test-images';
import { ImagesService } from './images.service';

const upload = (buffer: Buffer) => ({ buffer, size: buffer.length, originalname: 'face.png' });
const overQuota = () => Promise.reject(new TooManyRequestsError('over the quota', 30, 'quota_exceeded'));

describe('ImagesService.accept', () => {
  let db: AtelierDb;
  let images: ImagesService;

  beforeEach(async () => {
    db = openSqliteDatabase(':memory:');
    await migrateToLatest(db, 'sqlite');
    images = new ImagesService(db, new DatabaseBlobStore(db), parseConfig({}));
  });
  afterEach(() => db.destroy());

  const owners = async (imageId: string) => (await db.selectFrom('image_owners').select('owner').where('image_id', '=', imageId).orderBy('owner').execute()).map((r) => r.owner);

  it('stores a new upload once and records each user who sends the same bytes', async () => {
    const png = await solidImage('#c0392b');
    const first = await images.accept(upload(png), 'alice');
    const again = await images.accept(upload(png), 'alice');
    const other = await images.accept(upload(png), 'bob');
    expect([first.created, again.created, other.created]).toEqual([true, false, false]);
    expect(again.image).toEqual(first.image);
    expect(Object.keys(other.image)).not.toContain('owned');
    expect(await owners(first.image.image_id)).toEqual(['alice', 'bob']);
  });

  it('a refused admission (the job quota) comes before the upload is checked, and stores nothing', async () => {
    await expect(images.accept(undefined, 'alice', overQuota())).rejects.toBeInstanceOf(TooManyRequestsError);
    await expect(images.accept(upload(Buffer.from('not an image')), 'alice', overQuota())).rejects.toBeInstanceOf(TooManyRequestsError);
    const png = await solidImage('#2980b9');
    await expect(images.accept(upload(png), 'alice', overQuota())).rejects.toBeInstanceOf(TooManyRequestsError);
    expect(await db.selectFrom('images').select('image_id').execute()).toEqual([]);

    const stored = await images.accept(upload(png), 'alice');
    await expect(images.accept(upload(png), 'bob', overQuota())).rejects.toBeInstanceOf(TooManyRequestsError);
    expect(await owners(stored.image.image_id)).toEqual(['alice']);
  });

  it('an admitted upload that is not an image is still refused for what it is', async () => {
    await expect(images.accept(upload(Buffer.from('not an image')), 'alice', Promise.resolve())).rejects.toMatchObject({ status: 415 });
  });
});
