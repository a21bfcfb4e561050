/**
 * The request and response examples of seeds/003_f9a1ab627ff386f6.txt, transcribed. Where the
 * seed's request text is not valid JSON (string 'quotes', type words such as `string` before
 * values, missing or trailing commas) the values are kept and only the syntax is repaired.
 */
import type { RecordResult } from './printxpand-client';

export interface SeedExample {
  name: string;
  path: string;
  /** Calls that set up the state the example assumes (e.g. the customer it updates exists). */
  before?: { path: string; payload: unknown }[];
  payload: unknown;
  response: RecordResult[];
}

const customOptions = [
  {
    title: 'Message for packaging',
    type: 'field',
    sort_order: 1,
    is_require: 0,
    price: 45,
    price_type: 'fixed',
    sku: '85465da',
    max_characters: 100,
  },
  {
    title: 'Test Option',
    type: 'file',
    is_require: 0,
    sort_order: 3,
    price: 2,
    price_type: 'fixed',
    sku: 'testsku',
    file_extension: 'png,jpg',
    image_size_x: '100',
    image_size_y: '20',
  },
  {
    sort_order: 2,
    title: 'Color',
    price_type: 'fixed',
    type: 'drop_down',
    is_require: 0,
    price: 23,
    sku: '854465da',
    max_characters: 208,
    values: [
      {
        title: 'RED',
        value: 'red',
        sort_order: 1,
        price: 10,
        price_type: 'fixed',
        sku: 'fgh45',
        is_delete: 0,
      },
      {
        title: 'Yellow',
        sort_order: 2,
        value: 'yellow',
        price: 10,
        price_type: 'fixed',
        sku: 'fhfgh5',
        is_delete: 0,
      },
    ],
  },
  {
    title: 'My test',
    type: 'date_time',
    sort_order: 3,
    is_require: 0,
    price: 5,
    price_type: 'fixed',
    sku: '85465da',
  },
];

const tierPrice = [
  { price: '50', qty: '15' },
  { price: '40', qty: '20' },
];

const simple = (id: number, name: string, category: string, src = 'image_url') => ({
  id,
  name,
  price: '70.12',
  special_price: '',
  category_id: category,
  status: 1,
  enable_product_designer: 1,
  tier_price: tierPrice,
  images: [{ src }],
  type: 'simple',
  custom_options: customOptions,
});

const variation = (id: number | string, color: string, extra: Record<string, unknown> = {}) => ({
  id,
  status: 1,
  price: '55.55',
  special_price: '',
  images: [{ src: 'image_src' }],
  attributes: [
    { name: 'Size', option: 'M' },
    { name: 'Color', option: color },
  ],
  ...extra,
});

const configurable = (id: number | string, name: string, variations: Record<string, unknown>) => ({
  id,
  name,
  price: '55.55',
  special_price: '',
  category_id: '101,102',
  status: 1,
  enable_product_designer: 1,
  images: [{ src: 'image_src' }, { src: 'image_src' }],
  attribute_names: 'Size,Color',
  type: 'configurable',
  variations,
  custom_options: customOptions,
});

const address = (name: string, city: string, zip: string) => ({
  name,
  address1: '830 W Washington Blvd',
  address2: '830 W Washington Blvd',
  phone: '777-777-7777',
  city,
  state: 'California',
  country: 'USA',
  country_code: 'US',
  zip,
});

const order = (orderId: string, name: string) => ({
  order_id: orderId,
  shipping_address: address(name, 'Los Angeles', '90004'),
  design_id: ['1524', '1525', '1526'],
  sub_total: '220.00',
  status: 'Success',
  item_price: ['22.00', '22.00', '22.00'],
  item_qty: [2, 3, 5],
});

const ok = (id: string | number, code: string | number, message: string): RecordResult => ({
  id,
  code,
  status: 'success',
  message,
});
const err = (id: string | number | undefined, code: string | number, message: string): RecordResult =>
  id === undefined ? { code, status: 'error', message } : { id, code, status: 'error', message };

const categories = (...ids: string[]) => ({
  path: 'category/create',
  payload: {
    category: Object.fromEntries(
      ids.map((id) => [id, { id, name: `Category ${id}`, parent_id: 0, status: 1 }]),
    ),
  },
});

const orderIds = ['1406539694128', '1406539923504', '1409158479920', '1409170898992', '1409172930608'];
const fiveOrders = { order: Object.fromEntries(orderIds.map((id) => [id, order(id, 'Veronica')])) };

export const SEED_EXAMPLES: SeedExample[] = [
  {
    name: 'customer: create a single customer',
    path: 'customer/create',
    payload: {
      customer: {
        '123456': { id: '123456', first_name: 'jessica', last_name: 'vincent', email: 'jessica.v@gmail.com' },
      },
    },
    response: [ok('123456', '200', 'Customer created successfully!')],
  },
  {
    name: 'customer: update one, reject a duplicate email',
    path: 'customer/create',
    before: [
      {
        path: 'customer/create',
        payload: {
          customer: {
            a: { id: '1234001', first_name: 'M', last_name: 'C', email: 'mscolne08@gmail.com' },
            b: { id: '999', first_name: 'George', last_name: 'K', email: 'george.kisty78@gmail.com' },
          },
        },
      },
    ],
    payload: {
      customer: {
        '123456': { id: '1234001', first_name: 'Missy', last_name: 'Colone', email: 'mscolne08@gmail.com' },
        '1213456': {
          id: '1234516',
          first_name: 'George',
          last_name: 'Kisty',
          email: 'george.kisty78@gmail.com',
        },
      },
    },
    response: [
      ok('1234001', 200, 'Customer Updated successfully!'),
      err('1234516', 400, 'A customer with the same email address already exists in an associated website.'),
    ],
  },
  {
    name: 'customer: create one and update one',
    path: 'customer/create',
    before: [{ path: 'customer/create', payload: { customer: { x: { id: '1002', first_name: 'S' } } } }],
    payload: {
      customer: {
        '1001': { id: '1001', first_name: 'Jessica', last_name: 'vincent', email: 'jessica.v@gmail.com' },
        '1002': { id: '1002', first_name: 'Streak', last_name: 'Styris', email: 'streakstyris@10@gmail.com' },
      },
    },
    response: [
      ok('1001', '200', 'Customer Created successfully!'),
      ok('1002', '200', 'Customer Updated successfully!'),
    ],
  },
  {
    name: 'customer: an empty id',
    path: 'customer/create',
    before: [{ path: 'customer/create', payload: { customer: { x: { id: '123456' } } } }],
    payload: {
      customer: {
        '123456': {
          id: '123456',
          first_name: 'Veronica',
          last_name: 'Saddik',
          email: 'veronica.seddik32@gmail.com',
        },
        '1213456': { id: '', first_name: 'Niky', last_name: 'Cooper', email: 'nk.cooper@gmail.com' },
      },
    },
    response: [
      ok('123456', 200, 'Customer Updated successfully!'),
      err(undefined, 404, 'Please pass valid customer Id!'),
    ],
  },
  {
    name: 'category: create a single category',
    path: 'category/create',
    payload: { category: { '101': { id: '101', name: 'Stationary', parent_id: 0, status: 1 } } },
    response: [ok(101, '200', 'Category created successfully!')],
  },
  {
    name: 'category: update one, reject id 0',
    path: 'category/create',
    before: [categories('1001')],
    payload: {
      category: {
        '1001': { id: 1001, name: 'Book', parent_id: '', status: 1 },
        '1002': { id: 0, name: 'Electronics', parent_id: '1215', status: 1 },
      },
    },
    response: [
      ok(1001, 200, 'Category Updated successfully!'),
      err(undefined, 404, 'Please send proper data like id, name and parent id of Category!'),
    ],
  },
  {
    name: 'category: create, update and create a child',
    path: 'category/create',
    before: [categories('102')],
    payload: {
      category: {
        '101': { id: '101', name: 'Stationary', parent_id: 0, status: 1 },
        '102': { id: '102', name: 'Apparel', parent_id: 0, status: 1 },
        '103': { id: '103', name: 'Mens', parent_id: '102', status: 1 },
      },
    },
    response: [
      ok(101, '200', 'Category created successfully!!'),
      ok(102, '200', 'Category updated successfully!!'),
      ok(103, '200', 'Category created successfully!!'),
    ],
  },
  {
    name: 'category: delete a single category',
    path: 'category/delete',
    before: [categories('101')],
    payload: { category: ['101'] },
    response: [ok('101', '200', 'Category Deleted Successfully!')],
  },
  {
    name: 'category: delete one, an unknown id',
    path: 'category/delete',
    before: [categories('10001')],
    payload: { category: [10001, 4545454] },
    response: [
      ok(10001, 200, 'Category Deleted successfully!'),
      err(4545454, 404, 'Category Id is not Found!'),
    ],
  },
  {
    name: 'category: delete two',
    path: 'category/delete',
    before: [categories('1001', '1002')],
    payload: { category: ['1001', '1002'] },
    response: [
      ok('1001', '200', 'Category Deleted successfully!'),
      ok('1002', '200', 'Category Deleted successfully!'),
    ],
  },
  {
    name: 'category: delete one and an unknown one',
    path: 'category/delete',
    before: [categories('1001')],
    payload: { category: [1001, 1003] },
    response: [ok(1001, 200, 'Category Deleted successfully!'), err(1003, 404, 'Category Id is not Found!')],
  },
  {
    name: 'product: create a simple product',
    path: 'product/create',
    before: [categories('101')],
    payload: { product: { '10001': simple(10001, 'Simple Tshirt', '101', 'image_src') } },
    response: [ok(10001, '200', 'Product Created Successfully!')],
  },
  {
    name: 'product: an empty name',
    path: 'product/create',
    before: [categories('101')],
    payload: {
      product: { '10001': { ...simple(10001, '', '101', 'image_src'), custom_options: undefined } },
    },
    response: [
      err(
        10001,
        404,
        'Please pass the proper product data like id,name and type. Also, product type must be either simple or configurable of Magento.',
      ),
    ],
  },
  {
    name: 'product: update three simple products',
    path: 'product/create',
    before: [
      categories('1001'),
      {
        path: 'product/create',
        payload: {
          product: {
            a: simple(10001, 'x', '1001'),
            b: simple(10002, 'x', '1001'),
            c: simple(10034, 'x', '1001'),
          },
        },
      },
    ],
    payload: {
      product: {
        '10001': simple(10001, 'Sport Tshirt White', '1001'),
        '10002': simple(10002, 'Sport Tshirt Red', '1001'),
        '10034': simple(10034, 'Sport Tshirt Blue', '1001'),
      },
    },
    response: [
      ok(10001, '200', 'Product Updated Successfully!'),
      ok(10002, '200', 'Product Updated Successfully!'),
      ok(10034, '200', 'Product Updated Successfully!'),
    ],
  },
  {
    name: 'product: an invalid special price',
    path: 'product/create',
    before: [categories('101')],
    payload: {
      product: {
        '10001': { ...simple(10001, 'Test1111111', '101', 'image_src'), special_price: 'Test 11111' },
      },
    },
    response: [err(10001, 404, 'Please pass vaild special_price.')],
  },
  {
    name: 'product: update a configurable product',
    path: 'product/create',
    before: [
      categories('101', '102'),
      {
        path: 'product/create',
        payload: {
          product: {
            x: configurable(10004, 'x', { a: variation(10002, 'Red'), b: variation(10003, 'Pink') }),
          },
        },
      },
    ],
    payload: {
      product: {
        '10004': configurable(10004, 'Configurable Product', {
          '10002': variation(10002, 'Red', { status: '1' }),
          '10003': variation(10003, 'Pink', { status: '0' }),
        }),
      },
    },
    response: [ok(10004, '200', 'Product Updated Successfully!')],
  },
  {
    name: 'product: a configurable product without variations',
    path: 'product/create',
    before: [categories('101', '102')],
    payload: {
      product: {
        '10004': {
          ...configurable(10004, 'Configurable Product', {}),
          variations: '',
          custom_options: undefined,
        },
      },
    },
    response: [
      err('10004', 404, 'Configurable product and its sub-products must have proper attribute values.'),
    ],
  },
  {
    name: 'product: update two configurable products',
    path: 'product/create',
    before: [
      categories('101', '102'),
      {
        path: 'product/create',
        payload: {
          product: {
            a: configurable('10008', 'x', { a: variation('10005', 'Red') }),
            b: configurable(10012, 'x', { a: variation('10009', 'Red') }),
          },
        },
      },
    ],
    payload: {
      product: {
        '10008': configurable('10008', 'Adidas Tshirt-11', {
          '10005': variation('10005', 'Red'),
          '10006': variation('10006', 'Pink'),
          '10007': variation('10007', 'Purpal'),
        }),
        '10012': configurable(10012, 'Adidas Shirt', {
          '10009': variation('10009', 'Red', { category_id: '201,301' }),
          '10010': variation('10010', 'Pink'),
          '10011': variation('10011', 'Purpal', { category_id: '101,102' }),
        }),
      },
    },
    response: [
      ok(10008, '200', 'Product Updated Successfully!'),
      ok(10012, '200', 'Product Updated Successfully!'),
    ],
  },
  {
    name: 'product: delete a single product',
    path: 'product/delete',
    before: [
      { path: 'product/create', payload: { product: { a: { id: '10001', name: 'x', type: 'simple' } } } },
    ],
    payload: { product: ['10001'] },
    response: [ok('10001', '200', 'Product Deleted successfully!')],
  },
  {
    name: 'product: delete one and an unknown one',
    path: 'product/delete',
    before: [
      { path: 'product/create', payload: { product: { a: { id: '10001', name: 'x', type: 'simple' } } } },
    ],
    payload: { product: [10001, 4545454] },
    response: [
      ok(10001, 200, 'Prodcut Deleted successfully!'),
      err(4545454, 404, 'Product Id is Not Found!'),
    ],
  },
  {
    name: 'product: delete one and an unknown one (the seed labels it "Success" with code "400")',
    path: 'product/delete',
    before: [
      { path: 'product/create', payload: { product: { a: { id: '10001', name: 'x', type: 'simple' } } } },
    ],
    payload: { product: ['10001', '100011'] },
    // The seed has "code": "400" here and 404 for the same message everywhere else: we send 404.
    response: [
      ok('10001', '200', 'Product Deleted succesfully!'),
      err('100011', 404, 'Product Id is Not Found!'),
    ],
  },
  {
    name: 'product: delete an unknown product',
    path: 'product/delete',
    payload: { product: [1001] },
    response: [err(1001, 404, 'Product Id is Not Found!')],
  },
  {
    name: 'order: create a single order',
    path: 'order/create',
    payload: {
      order: {
        '11001': {
          order_id: '11001',
          shipping_address: {
            ...address('PrintXpand', 'California', '90004'),
            address1: '44, Elispa',
            state: 'Ontario',
          },
          sub_total: '66.00',
          status: 'Success',
          design_id: ['1524', '1525', '1526'],
          item_price: ['22.00', '22.00', '22.00'],
          item_qty: [2, 3, 5],
        },
      },
    },
    response: [ok('11001', '200', 'Order Created successfully!!')],
  },
  {
    name: 'order: unequal design ids, prices and quantities',
    path: 'order/create',
    payload: {
      order: {
        '1406539694128': {
          ...order('1406539694128', 'Vincy'),
          design_id: ['1524', '1525'],
          status: 'Open',
        },
      },
    },
    response: [err('1406539694128', 404, 'Order design id, item price, and item qty is not equaled')],
  },
  {
    name: 'order: update five orders',
    path: 'order/create',
    before: [{ path: 'order/create', payload: fiveOrders }],
    payload: fiveOrders,
    response: orderIds.map((id) => ok(id, '200', 'Order updated successfully!')),
  },
];
