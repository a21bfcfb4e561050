/**
 * Import types and specifications of the Broadleaf admin importer (seeds/002_dd6ca172e7a2ab05.txt).
 * The seed lists the import types and shows DefaultProductImportSpecification's columns (the curl
 * example) and its "Product Title" / "Missing Required Data" rule. The other default
 * specifications are linked, not shown: their columns here are our choice (README-systems.md).
 */
export const IMPORT_TYPES = ['PRODUCT', 'CATEGORY', 'CUSTOMER', 'ADDRESS', 'ORDER', 'ASSET'] as const;
export type ImportType = (typeof IMPORT_TYPES)[number];

export type ValueType = 'number' | 'integer';

export interface Column {
  /** Exact header, or a pattern for families such as `ProductAttribute[Color]`. */
  header: string | RegExp;
  /** The value must be present in every record ("Missing Required Data"). */
  required?: boolean;
  type?: ValueType;
}

export interface Specification {
  name: string;
  importType: Exclude<ImportType, 'ASSET'>;
  /** Headers that must be present ("Missing Required Header"). */
  requiredHeaders: string[];
  /** The column that identifies a record, for rejections and upserts. */
  key: string;
  columns: Column[];
}

const translated = (field: string) => new RegExp(`^${field}\\(.+\\)$`);

export const SPECIFICATIONS: Specification[] = [
  {
    name: 'DefaultProductImportSpecification',
    importType: 'PRODUCT',
    requiredHeaders: ['SKU Number', 'Product Title'],
    key: 'SKU Number',
    columns: [
      { header: 'SKU Number' },
      { header: 'SKU Indicator' },
      { header: 'Product Title', required: true },
      { header: translated('Product Title') },
      { header: 'Product Description' },
      { header: translated('Product Description') },
      { header: 'Default Category Id', type: 'integer' },
      { header: 'Product URL' },
      { header: 'Retail Price', type: 'number' },
      { header: 'Sale Price', type: 'number' },
      { header: 'UPC' },
      { header: 'Available Quantity', type: 'integer' },
      { header: /^ProductAttribute\[.+\]$/ },
    ],
  },
  {
    name: 'DefaultCategoryImportSpecification',
    importType: 'CATEGORY',
    requiredHeaders: ['Category Name'],
    key: 'Category Id',
    columns: [
      { header: 'Category Id', type: 'integer' },
      { header: 'Category Name', required: true },
      { header: translated('Category Name') },
      { header: 'Parent Category Id', type: 'integer' },
      { header: 'Category URL' },
      { header: 'Category Description' },
    ],
  },
  {
    name: 'DefaultCustomerImportSpecification',
    importType: 'CUSTOMER',
    requiredHeaders: ['Email Address'],
    key: 'Email Address',
    columns: [
      { header: 'Customer Id', type: 'integer' },
      { header: 'Username' },
      { header: 'Email Address', required: true },
      { header: 'First Name' },
      { header: 'Last Name' },
    ],
  },
  {
    name: 'DefaultCustomerAddressImportSpecification',
    importType: 'ADDRESS',
    requiredHeaders: ['Customer Id', 'Address Line 1', 'City', 'Country Code'],
    key: 'Customer Id',
    columns: [
      { header: 'Customer Id', required: true, type: 'integer' },
      { header: 'Address Name' },
      { header: 'First Name' },
      { header: 'Last Name' },
      { header: 'Address Line 1', required: true },
      { header: 'Address Line 2' },
      { header: 'City', required: true },
      { header: 'State' },
      { header: 'Postal Code' },
      { header: 'Country Code', required: true },
      { header: 'Phone' },
    ],
  },
  {
    name: 'DefaultOrderImportSpecification',
    importType: 'ORDER',
    requiredHeaders: ['Order Number', 'SKU Number', 'Quantity'],
    key: 'Order Number',
    columns: [
      { header: 'Order Number', required: true },
      { header: 'Customer Id', type: 'integer' },
      { header: 'SKU Number', required: true },
      { header: 'Quantity', required: true, type: 'integer' },
      { header: 'Price', type: 'number' },
      { header: 'Order Date' },
    ],
  },
];

export function columnFor(spec: Specification, header: string): Column | undefined {
  return spec.columns.find((c) =>
    typeof c.header === 'string' ? c.header === header : c.header.test(header),
  );
}

export const MESSAGES = {
  missingData: 'Missing Required Data',
  missingHeader: 'Missing Required Header',
  unknownHeader: 'Unknown Header',
  badNumber: 'Invalid Number Format',
  malformed: 'Malformed Record',
  badAssetName: 'Invalid File Name',
  fileError: 'Error in the uploaded file',
} as const;

const PATTERNS: Record<ValueType, RegExp> = {
  number: /^-?\d+(\.\d+)?$/,
  integer: /^-?\d+$/,
};

export function validType(type: ValueType | undefined, value: string): boolean {
  return !type || value === '' || PATTERNS[type].test(value);
}
