import { ComprehensiveForm, COMPREHENSIVE_FORM_SCHEMA } from '../../dto/analyze.request';

/** Text fields of a batch's multipart form (the files arrive through BatchUploadInterceptor): those of a comprehensive analysis. */
export class CreateBatchForm extends ComprehensiveForm {}

const { image: imageField, analyzers: analyzersField, ...shared } = COMPREHENSIVE_FORM_SCHEMA.properties;

/** OpenAPI multipart body. */
export const CREATE_BATCH_FORM_SCHEMA = {
  type: 'object',
  required: ['images'],
  properties: {
    images: { type: 'array', items: imageField, minItems: 1, maxItems: 500, description: 'The images, one file each (default limit 500: BATCH_MAX_FILES; BATCH_MAX_BYTES in all)' },
    analyzers: {
      ...analyzersField,
      description:
        'Comma list of analyzer names run on every image (default: all of them). One analyzer makes each image an analyze job; more, a comprehensive_analyze job with one analyze child per analyzer.',
    },
    ...shared,
  },
};
