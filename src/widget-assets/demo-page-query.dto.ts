import { IsString, Matches } from 'class-validator';

export class DemoPageQueryDto {
  /** The tenant's public widget key. */
  @IsString()
  @Matches(/^wk_[A-Za-z0-9_-]{1,200}$/, { message: 'key must be a widget key (wk_…)' })
  key: string;
}
