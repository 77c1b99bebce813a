import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { User, UserList } from '@atelier/contracts';
import { ApiProblems, CurrentScope, IdParamPipe, MinRole, type AccessScope } from '@atelier/platform';
import { CreateUserBody, UpdateUserBody } from '../dto/access.bodies';
import { UserDto, UserListDto } from '../dto/access.responses';
import { UsersService } from './users.service';
import { publicUser } from './users.repository';

const userId = new IdParamPipe('user');

@ApiTags('users')
@Controller('users')
@MinRole('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ operationId: 'listUsers', summary: 'Every user (admin)' })
  @ApiOkResponse({ type: UserListDto })
  @ApiProblems(401, 403)
  async list(): Promise<UserList> {
    return { users: await this.users.list() };
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ operationId: 'createUser', summary: 'Create a user (admin)' })
  @ApiCreatedResponse({ type: UserDto })
  @ApiProblems(400, 401, 403, 409)
  create(@Body() body: CreateUserBody, @CurrentScope() scope: AccessScope): Promise<User> {
    return this.users.create(scope, { email: body.email, password: body.password, role: body.role, name: body.name });
  }

  @Get(':user_id')
  @ApiOperation({ operationId: 'getUser', summary: 'One user (admin)' })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(401, 403, 404)
  async get(@Param('user_id', userId) id: string): Promise<User> {
    return publicUser(await this.users.get(id));
  }

  @Patch(':user_id')
  @ApiOperation({ operationId: 'updateUser', summary: "Change a user's role, name, password, or disable it; its sessions end at once (admin)" })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(400, 401, 403, 404, 409)
  update(@Param('user_id', userId) id: string, @Body() body: UpdateUserBody, @CurrentScope() scope: AccessScope): Promise<User> {
    return this.users.update(scope, id, body);
  }

  @Delete(':user_id')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteUser', summary: 'Delete a user; its sessions and API keys stop at once (admin)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(401, 403, 404, 409)
  async delete(@Param('user_id', userId) id: string, @CurrentScope() scope: AccessScope): Promise<void> {
    await this.users.delete(scope, id);
  }
}
